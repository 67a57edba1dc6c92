# Compiled from generator/templates/serve/home.html.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'serve/home.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('serve/base.html.j2', 'serve/home.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_year = resolve('year')
    pass
    yield '<h1>'
    yield escape((undefined(name='year') if l_0_year is missing else l_0_year))
    yield '年度政府信息公开工作年度报告网上收集</h1>\n<p>各单位请使用主管部门发给本单位的专属链接。主管部门请进入 <a href="/admin/login">管理页面</a>。</p>\n'

blocks = {'body': block_body}
debug_info = '1=12&2=17&3=27'
