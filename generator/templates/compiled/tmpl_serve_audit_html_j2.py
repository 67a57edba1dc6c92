# Compiled from generator/templates/serve/audit.html.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'serve/audit.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('serve/base.html.j2', 'serve/audit.html.j2')
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
    yield '操作记录'

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_entries = resolve('entries')
    pass
    yield '<nav><a href="/admin">提交情况</a><a href="/admin/audit">操作记录</a></nav>\n<h1>操作记录（最近 500 条）</h1>\n<div class="scroll"><table id="audit">\n<tr><th>时间</th><th>操作者</th><th>操作</th><th>单位</th><th>说明</th></tr>\n'
    for l_1_e in (undefined(name='entries') if l_0_entries is missing else l_0_entries):
        l_1_when = resolve('when')
        l_1_names = resolve('names')
        _loop_vars = {}
        pass
        yield '<tr><td>'
        yield escape(context.call((undefined(name='when') if l_1_when is missing else l_1_when), environment.getattr(l_1_e, 'at'), True, _loop_vars=_loop_vars))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_e, 'actor'))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_e, 'action'))
        yield '</td><td>'
        yield escape(context.call(environment.getattr((undefined(name='names') if l_1_names is missing else l_1_names), 'get'), environment.getattr(l_1_e, 'unit_id'), '', _loop_vars=_loop_vars))
        yield '</td><td>'
        yield escape(environment.getattr(l_1_e, 'detail'))
        yield '</td></tr>\n'
    l_1_e = l_1_when = l_1_names = missing
    yield '</table></div>\n'

blocks = {'title': block_title, 'body': block_body}
debug_info = '1=12&2=17&3=27&8=37&9=43'
