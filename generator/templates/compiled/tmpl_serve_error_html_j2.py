# Compiled from generator/templates/serve/error.html.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'serve/error.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('serve/base.html.j2', 'serve/error.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield '无法完成'

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_message = resolve('message')
    pass
    yield '<h1>无法完成</h1>\n<p class="error" id="message">'
    yield escape((undefined(name='message') if l_0_message is missing else l_0_message))
    yield '</p>\n<p>请返回上一页修改后重试。</p>\n'

blocks = {'title': block_title, 'body': block_body}
debug_info = '1=12&2=17&3=27&5=37'
