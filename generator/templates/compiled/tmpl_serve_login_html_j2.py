# Compiled from generator/templates/serve/login.html.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'serve/login.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('serve/base.html.j2', 'serve/login.html.j2')
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
    yield '主管部门登录'

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_failed = resolve('failed')
    l_0_csrf = resolve('csrf')
    pass
    yield '<h1>主管部门登录</h1>\n'
    if (undefined(name='failed') if l_0_failed is missing else l_0_failed):
        pass
        yield '<p class="error" id="message">密码不正确，请重试。</p>'
    yield '<form method="post" action="/admin/login">\n<input type="hidden" name="csrf" value="'
    yield escape((undefined(name='csrf') if l_0_csrf is missing else l_0_csrf))
    yield '">\n<p><label>密码 <input type="password" name="password" autocomplete="current-password" required></label></p>\n<p><button type="submit">登录</button></p>\n</form>\n'

blocks = {'title': block_title, 'body': block_body}
debug_info = '1=12&2=17&3=27&5=38&7=42'
