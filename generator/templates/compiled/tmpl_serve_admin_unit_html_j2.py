# Compiled from generator/templates/serve/admin_unit.html.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'serve/admin_unit.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('serve/base.html.j2', 'serve/admin_unit.html.j2')
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
    l_0_unit = resolve('unit')
    pass
    yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'name'))
    yield ' · 审核'

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_unit = resolve('unit')
    l_0_state = resolve('state')
    l_0_link = resolve('link')
    l_0_csrf = resolve('csrf')
    l_0_entries = resolve('entries')
    pass
    yield '<nav><a href="/admin">提交情况</a><a href="/admin/audit">操作记录</a></nav>\n<h1>'
    yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'name'))
    yield '（'
    yield escape((environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'category') or '未分类'))
    yield '）</h1>\n<p>状态：<span class="state s-'
    yield escape((undefined(name='state') if l_0_state is missing else l_0_state))
    yield '" id="state">'
    yield escape((undefined(name='state') if l_0_state is missing else l_0_state))
    yield '</span>'
    if environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'message'):
        pass
        yield '；退回意见：'
        yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'message'))
    yield '</p>\n<p>专属链接：'
    if (undefined(name='link') if l_0_link is missing else l_0_link):
        pass
        yield '<code>'
        yield escape((undefined(name='link') if l_0_link is missing else l_0_link))
        yield '</code>'
    else:
        pass
        yield '（已撤销）'
    yield '</p>\n'
    if (environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'status') == 'submitted'):
        pass
        yield '<form method="post" action="/admin/unit/'
        yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'id'))
        yield '/accept"><input type="hidden" name="csrf" value="'
        yield escape((undefined(name='csrf') if l_0_csrf is missing else l_0_csrf))
        yield '"><button type="submit">通过</button></form>\n'
    if (environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'status') in ('submitted', 'accepted')):
        pass
        yield '<form method="post" action="/admin/unit/'
        yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'id'))
        yield '/return"><input type="hidden" name="csrf" value="'
        yield escape((undefined(name='csrf') if l_0_csrf is missing else l_0_csrf))
        yield '">\n<label>退回意见（单位会看到）<br><textarea name="message" rows="3" cols="60" required></textarea></label><br><button type="submit">退回</button></form>\n'
    if (environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'status') in ('accepted', 'returned')):
        pass
        yield '<form method="post" action="/admin/unit/'
        yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'id'))
        yield '/reopen"><input type="hidden" name="csrf" value="'
        yield escape((undefined(name='csrf') if l_0_csrf is missing else l_0_csrf))
        yield '"><button type="submit">重新开放（允许单位修改）</button></form>\n'
    yield '<form class="inline" method="post" action="/admin/unit/'
    yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'id'))
    yield '/revoke"><input type="hidden" name="csrf" value="'
    yield escape((undefined(name='csrf') if l_0_csrf is missing else l_0_csrf))
    yield '"><button type="submit">撤销链接</button></form>\n<form class="inline" method="post" action="/admin/unit/'
    yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'id'))
    yield '/reissue"><input type="hidden" name="csrf" value="'
    yield escape((undefined(name='csrf') if l_0_csrf is missing else l_0_csrf))
    yield '"><button type="submit">重新生成链接</button></form>\n<h2>上传的版本</h2>\n'
    t_1 = 1
    for (l_1_v, l_1_result, l_1_explained) in (undefined(name='entries') if l_0_entries is missing else l_0_entries):
        l_1_when = resolve('when')
        _loop_vars = {}
        pass
        yield '<h3>版本 '
        yield escape(environment.getattr(l_1_v, 'id'))
        yield '：<span class="state s-'
        yield escape(environment.getattr(l_1_v, 'state'))
        yield '">'
        yield escape(environment.getattr(l_1_v, 'state'))
        yield '</span>'
        if (environment.getattr(l_1_v, 'id') == environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'submitted_version')):
            pass
            yield '（已提交的版本）'
        yield '</h3>\n<p>上传 '
        yield escape(context.call((undefined(name='when') if l_1_when is missing else l_1_when), environment.getattr(l_1_v, 'created_at'), True, _loop_vars=_loop_vars))
        yield '，来自 '
        yield escape(environment.getattr(l_1_v, 'client'))
        yield '，'
        yield escape(environment.getattr(l_1_v, 'size'))
        yield ' 字节，SHA-256 <code>'
        yield escape(environment.getattr(l_1_v, 'sha256'))
        yield '</code>'
        if environment.getattr(l_1_v, 'submitted_at'):
            pass
            yield '；提交 '
            yield escape(context.call((undefined(name='when') if l_1_when is missing else l_1_when), environment.getattr(l_1_v, 'submitted_at'), True, _loop_vars=_loop_vars))
        yield '</p>\n'
        if environment.getattr(l_1_result, 'lines'):
            pass
            yield '<ul class="findings">'
            for l_2_line in environment.getattr(l_1_result, 'lines'):
                _loop_vars = {}
                pass
                yield '<li class="'
                yield escape(('error' if context.call(environment.getattr(l_2_line, 'startswith'), '错误', _loop_vars=_loop_vars) else 'warning'))
                yield '">'
                yield escape(l_2_line)
                yield '</li>'
            l_2_line = missing
            yield '</ul>'
        if l_1_explained:
            pass
            yield '<p>单位对警告的说明：</p><ol class="explained">'
            for l_2_text in l_1_explained:
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(l_2_text)
                yield '</li>'
            l_2_text = missing
            yield '</ol>'
        t_1 = 0
    l_1_v = l_1_result = l_1_explained = l_1_when = missing
    if t_1:
        pass
        yield '<p>还没有上传。</p>\n'

blocks = {'title': block_title, 'body': block_body}
debug_info = '1=12&2=17&3=29&5=43&6=47&7=56&8=65&9=68&11=72&12=75&15=79&16=82&18=87&19=91&21=96&22=101&23=111&24=124&25=137'
