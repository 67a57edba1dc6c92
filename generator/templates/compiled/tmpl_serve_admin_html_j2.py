# Compiled from generator/templates/serve/admin.html.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'serve/admin.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('serve/base.html.j2', 'serve/admin.html.j2')
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
    pass
    yield '<meta http-equiv="refresh" content="30">'

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_year = resolve('year')
    pass
    yield '提交情况 · '
    yield escape((undefined(name='year') if l_0_year is missing else l_0_year))
    yield '年度'

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_csrf = resolve('csrf')
    l_0_year = resolve('year')
    l_0_counts = resolve('counts')
    l_0_categories = resolve('categories')
    l_0_states = resolve('states')
    l_0_columns = resolve('columns')
    l_0_rows = resolve('rows')
    try:
        t_1 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '<nav><a href="/admin">提交情况</a><a href="/admin/audit">操作记录</a><a href="/admin/links.xlsx">链接.xlsx</a>\n<form class="inline" method="post" action="/admin/logout"><input type="hidden" name="csrf" value="'
    yield escape((undefined(name='csrf') if l_0_csrf is missing else l_0_csrf))
    yield '"><button type="submit">退出</button></form></nav>\n<h1>'
    yield escape((undefined(name='year') if l_0_year is missing else l_0_year))
    yield '年度提交情况</h1>\n<p id="counts">'
    l_1_loop = missing
    for (l_1_s, l_1_n), l_1_loop in LoopContext(context.call(environment.getattr((undefined(name='counts') if l_0_counts is missing else l_0_counts), 'items'), _block_vars=_block_vars), undefined):
        _loop_vars = {}
        pass
        yield escape(l_1_s)
        yield ' '
        yield escape(l_1_n)
        if (not environment.getattr(l_1_loop, 'last')):
            pass
            yield '，'
    l_1_loop = l_1_s = l_1_n = missing
    yield '（每 30 秒自动刷新）</p>\n<form method="get" action="/admin">\n<label>类别 <select name="类别"><option value="">全部</option>'
    for l_1_c in (undefined(name='categories') if l_0_categories is missing else l_0_categories):
        l_1_category = resolve('category')
        _loop_vars = {}
        pass
        yield '<option'
        if (l_1_c == (undefined(name='category') if l_1_category is missing else l_1_category)):
            pass
            yield ' selected'
        yield '>'
        yield escape(l_1_c)
        yield '</option>'
    l_1_c = l_1_category = missing
    yield '</select></label>\n<label>状态 <select name="状态"><option value="">全部</option>'
    for l_1_s in (undefined(name='states') if l_0_states is missing else l_0_states):
        l_1_state = resolve('state')
        _loop_vars = {}
        pass
        yield '<option'
        if (l_1_s == (undefined(name='state') if l_1_state is missing else l_1_state)):
            pass
            yield ' selected'
        yield '>'
        yield escape(l_1_s)
        yield '</option>'
    l_1_s = l_1_state = missing
    yield '</select></label>\n<button type="submit">筛选</button>\n</form>\n<div class="scroll"><table id="status">\n<tr>'
    for l_1_c in (undefined(name='columns') if l_0_columns is missing else l_0_columns):
        _loop_vars = {}
        pass
        yield '<th>'
        yield escape(l_1_c)
        yield '</th>'
    l_1_c = missing
    yield '</tr>\n'
    for (l_1_unit, l_1_row) in (undefined(name='rows') if l_0_rows is missing else l_0_rows):
        _loop_vars = {}
        pass
        yield '<tr>'
        for l_2_c in (undefined(name='columns') if l_0_columns is missing else l_0_columns):
            _loop_vars = {}
            pass
            if (l_2_c == '单位名称'):
                pass
                yield '<td><a href="/admin/unit/'
                yield escape(environment.getattr(l_1_unit, 'id'))
                yield '">'
                yield escape(environment.getitem(l_1_row, l_2_c))
                yield '</a></td>'
            elif (l_2_c == '状态'):
                pass
                yield '<td class="state s-'
                yield escape(environment.getitem(l_1_row, l_2_c))
                yield '">'
                yield escape(environment.getitem(l_1_row, l_2_c))
                yield '</td>'
            else:
                pass
                yield '<td'
                if (l_2_c == '主要问题'):
                    pass
                    yield ' class="problems"'
                yield '>'
                yield escape(('' if t_1(environment.getitem(l_1_row, l_2_c)) else environment.getitem(l_1_row, l_2_c)))
                yield '</td>'
        l_2_c = missing
        yield '</tr>\n'
    l_1_unit = l_1_row = missing
    yield '</table></div>\n<h2>下载与汇总</h2>\n<p><a href="/admin/collection.zip">下载全部（提交情况.xlsx、数据.csv、报告/、退回/，与 collect 输出相同，zip）</a> · <a href="/admin/api/status">提交情况（JSON）</a></p>\n<form method="post" action="/admin/aggregate">\n<input type="hidden" name="csrf" value="'
    yield escape((undefined(name='csrf') if l_0_csrf is missing else l_0_csrf))
    yield '">\n<label>本级机关名称 <input type="text" name="agency" required></label>\n<label>类别 <select name="category"><option value="">全部</option>'
    for l_1_c in (undefined(name='categories') if l_0_categories is missing else l_0_categories):
        _loop_vars = {}
        pass
        yield '<option>'
        yield escape(l_1_c)
        yield '</option>'
    l_1_c = missing
    yield '</select></label>\n<button type="submit">汇总已通过单位，下载本级工作簿</button>\n</form>\n'

blocks = {'head': block_head, 'title': block_title, 'body': block_body}
debug_info = '1=12&2=17&3=27&4=40&6=62&7=64&8=67&10=78&11=91&15=104&16=112&17=116&23=146&25=148'
