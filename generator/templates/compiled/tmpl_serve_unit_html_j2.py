# Compiled from generator/templates/serve/unit.html.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'serve/unit.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('serve/base.html.j2', 'serve/unit.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_head(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_checking = resolve('checking')
    pass
    if (undefined(name='checking') if l_0_checking is missing else l_0_checking):
        pass
        yield '<meta http-equiv="refresh" content="2">'

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_unit = resolve('unit')
    l_0_year = resolve('year')
    pass
    yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'name'))
    yield ' · '
    yield escape((undefined(name='year') if l_0_year is missing else l_0_year))
    yield '年度报告'

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_unit = resolve('unit')
    l_0_year = resolve('year')
    l_0_state = resolve('state')
    l_0_token = resolve('token')
    l_0_locked = resolve('locked')
    l_0_csrf = resolve('csrf')
    l_0_limit_mb = resolve('limit_mb')
    l_0_current = resolve('current')
    l_0_when = resolve('when')
    l_0_checking = resolve('checking')
    l_0_result = resolve('result')
    l_0_history = resolve('history')
    l_0_warnings = resolve('warnings')
    pass
    yield '<h1>'
    yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'name'))
    yield '：'
    yield escape((undefined(name='year') if l_0_year is missing else l_0_year))
    yield '年度政府信息公开工作年度报告</h1>\n<p>当前状态：<span class="state s-'
    yield escape((undefined(name='state') if l_0_state is missing else l_0_state))
    yield '" id="state">'
    yield escape((undefined(name='state') if l_0_state is missing else l_0_state))
    yield '</span></p>\n'
    if (environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'status') == 'returned'):
        pass
        yield '<div class="returned" id="returned"><strong>主管部门已退回：</strong>'
        yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'message'))
        yield '<br>请修改后重新上传并提交。</div>\n'
    elif (environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'status') == 'accepted'):
        pass
        yield '<div class="ok">主管部门已审核通过，报告已锁定；如需修改请联系主管部门重新开放。</div>\n'
    elif (environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'status') == 'submitted'):
        pass
        yield '<div class="ok">已提交，等待主管部门审核。如需修改，可重新上传后再次提交。</div>\n'
    yield '\n<h2>第一步：下载本单位的工作簿</h2>\n<p><a href="/u/'
    yield escape((undefined(name='token') if l_0_token is missing else l_0_token))
    yield '/workbook.xlsx">下载 '
    yield escape((undefined(name='year') if l_0_year is missing else l_0_year))
    yield ' 年度工作簿（.xlsx）</a>：单位名称和年度已填好，在 Excel 中填写后保存。</p>\n\n'
    if (not (undefined(name='locked') if l_0_locked is missing else l_0_locked)):
        pass
        yield '<h2>第二步：上传填好的文件</h2>\n<form method="post" action="/u/'
        yield escape((undefined(name='token') if l_0_token is missing else l_0_token))
        yield '/upload" enctype="multipart/form-data">\n<input type="hidden" name="csrf" value="'
        yield escape((undefined(name='csrf') if l_0_csrf is missing else l_0_csrf))
        yield '">\n<p><input type="file" name="file" accept=".xlsx,.yaml,.yml" required> <button type="submit">上传并检查</button></p>\n<p>只接受 .xlsx 工作簿或 .yaml 文件，不超过 '
        yield escape((undefined(name='limit_mb') if l_0_limit_mb is missing else l_0_limit_mb))
        yield ' MB。上传后立即检查，每次上传都会保留。</p>\n</form>\n'
    yield '\n'
    if (undefined(name='current') if l_0_current is missing else l_0_current):
        pass
        yield '<h2>检查结果（'
        yield escape(context.call((undefined(name='when') if l_0_when is missing else l_0_when), environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'created_at'), _block_vars=_block_vars))
        yield ' 上传的版本 '
        yield escape(environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'id'))
        yield '）</h2>\n'
        if (undefined(name='checking') if l_0_checking is missing else l_0_checking):
            pass
            yield '<p class="notice" id="checking">文件已收到，正在检查（<span class="state" id="result">检查中</span>），本页每 2 秒自动刷新。</p>\n'
        else:
            pass
            yield '<p>结果：<span class="state s-'
            yield escape(environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'state'))
            yield '" id="result">'
            yield escape(environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'state'))
            yield '</span>，错误 '
            yield escape(environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'errors'))
            yield ' 项，警告 '
            yield escape(environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'warnings'))
            yield ' 项。</p>\n'
        if (undefined(name='checking') if l_0_checking is missing else l_0_checking):
            pass
        elif environment.getattr((undefined(name='result') if l_0_result is missing else l_0_result), 'lines'):
            pass
            yield '<ul class="findings" id="findings">\n'
            for l_1_line in environment.getattr((undefined(name='result') if l_0_result is missing else l_0_result), 'lines'):
                _loop_vars = {}
                pass
                yield '<li class="'
                yield escape(('error' if context.call(environment.getattr(l_1_line, 'startswith'), '错误', _loop_vars=_loop_vars) else 'warning'))
                yield '">'
                yield escape(l_1_line)
                yield '</li>\n'
            l_1_line = missing
            yield '</ul>\n'
        else:
            pass
            yield '<p class="ok">没有发现问题。</p>\n'
        yield '<p>\n'
        if ((environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'suffix') == '.xlsx') and environment.getattr((undefined(name='result') if l_0_result is missing else l_0_result), 'lines')):
            pass
            yield '<a href="/u/'
            yield escape((undefined(name='token') if l_0_token is missing else l_0_token))
            yield '/v/'
            yield escape(environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'id'))
            yield '/annotated.xlsx">下载标注了问题的工作簿</a> · '
        if (environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'state') not in ('无法读取', '检查中')):
            pass
            yield '<a href="/u/'
            yield escape((undefined(name='token') if l_0_token is missing else l_0_token))
            yield '/v/'
            yield escape(environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'id'))
            yield '/report.html" target="_blank" rel="noopener">预览报告（网页）</a> · <a href="/u/'
            yield escape((undefined(name='token') if l_0_token is missing else l_0_token))
            yield '/v/'
            yield escape(environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'id'))
            yield '/report.docx">下载报告（.docx）</a>'
        yield '</p>\n\n'
        if ((not (undefined(name='locked') if l_0_locked is missing else l_0_locked)) and (environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'id') == environment.getattr(environment.getitem((undefined(name='history') if l_0_history is missing else l_0_history), 0), 'id'))):
            pass
            yield '<h2>第三步：提交</h2>\n'
            if (undefined(name='checking') if l_0_checking is missing else l_0_checking):
                pass
                yield '<p class="notice">检查完成后才能提交。</p>\n'
            elif (environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'errors') or (environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'state') not in ('通过', '有警告'))):
                pass
                yield '<p class="notice">文件还有错误，改正后重新上传才能提交。</p>\n'
            elif (environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'submitted_at') and (environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'status') == 'submitted')):
                pass
                yield '<p class="ok">这个版本已提交。</p>\n'
            else:
                pass
                yield '<form method="post" action="/u/'
                yield escape((undefined(name='token') if l_0_token is missing else l_0_token))
                yield '/submit">\n<input type="hidden" name="csrf" value="'
                yield escape((undefined(name='csrf') if l_0_csrf is missing else l_0_csrf))
                yield '">\n<input type="hidden" name="version" value="'
                yield escape(environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'id'))
                yield '">\n'
                l_1_loop = missing
                for l_1_warning, l_1_loop in LoopContext((undefined(name='warnings') if l_0_warnings is missing else l_0_warnings), undefined):
                    _loop_vars = {}
                    pass
                    yield '<p><label>警告 '
                    yield escape(environment.getattr(l_1_loop, 'index'))
                    yield '：<span class="warning">'
                    yield escape(l_1_warning)
                    yield '</span><br>说明（一句话，必填）：<input class="explain" type="text" name="explain-'
                    yield escape(environment.getattr(l_1_loop, 'index0'))
                    yield '" maxlength="500" required></label></p>\n'
                l_1_loop = l_1_warning = missing
                yield '<p><button type="submit">提交</button></p>\n</form>\n'
    yield '\n'
    if (undefined(name='history') if l_0_history is missing else l_0_history):
        pass
        yield '<h2>上传记录</h2>\n<div class="scroll"><table>\n<tr><th>版本</th><th>上传时间</th><th>结果</th><th>错误</th><th>警告</th><th>提交</th></tr>\n'
        for l_1_v in (undefined(name='history') if l_0_history is missing else l_0_history):
            _loop_vars = {}
            pass
            yield '<tr><td><a href="/u/'
            yield escape((undefined(name='token') if l_0_token is missing else l_0_token))
            yield '?v='
            yield escape(environment.getattr(l_1_v, 'id'))
            yield '">'
            yield escape(environment.getattr(l_1_v, 'id'))
            yield '</a></td><td>'
            yield escape(context.call((undefined(name='when') if l_0_when is missing else l_0_when), environment.getattr(l_1_v, 'created_at'), True, _loop_vars=_loop_vars))
            yield '</td><td class="state s-'
            yield escape(environment.getattr(l_1_v, 'state'))
            yield '">'
            yield escape(environment.getattr(l_1_v, 'state'))
            yield '</td><td class="num">'
            yield escape(environment.getattr(l_1_v, 'errors'))
            yield '</td><td class="num">'
            yield escape(environment.getattr(l_1_v, 'warnings'))
            yield '</td><td>'
            yield escape(context.call((undefined(name='when') if l_0_when is missing else l_0_when), environment.getattr(l_1_v, 'submitted_at'), _loop_vars=_loop_vars))
            yield '</td></tr>\n'
        l_1_v = missing
        yield '</table></div>\n'

blocks = {'head': block_head, 'title': block_title, 'body': block_body}
debug_info = '1=12&2=17&3=30&4=45&5=67&6=71&7=75&8=78&9=80&11=83&16=87&18=91&20=94&21=96&23=98&27=101&28=104&29=108&32=114&34=122&35=124&37=127&44=141&45=148&48=160&50=163&52=166&54=169&57=175&58=177&59=179&60=182&61=186&69=195&73=198&74=202'
