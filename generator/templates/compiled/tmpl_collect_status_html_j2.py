# Compiled from generator/templates/collect/status.html.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'collect/status.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_year_line = resolve('year_line')
    l_0_summary = resolve('summary')
    l_0_header = resolve('header')
    l_0_rows = resolve('rows')
    pass
    yield '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '</title>\n<style>\nbody { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1.5em; }\ntable { border-collapse: collapse; font-size: 14px; }\nth, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; }\nth { background: #eee; position: sticky; top: 0; }\ntd.num { text-align: right; }\ntd.files { white-space: pre-line; font-size: 12px; }\ntr.s-通过 td.state { background: #dff0d8; }\ntr.s-有警告 td.state { background: #fcf8e3; }\ntr.s-有错误 td.state, tr.s-无法读取 td.state, tr.s-重复提交 td.state, tr.s-年度不符 td.state { background: #f2dede; }\ntr.s-未提交 td.state, tr.s-不在名单 td.state { background: #e8e8e8; }\n</style>\n</head>\n<body>\n<h1>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '</h1>\n<p class="year">'
    yield escape((undefined(name='year_line') if l_0_year_line is missing else l_0_year_line))
    yield '</p>\n<p class="summary">'
    yield escape((undefined(name='summary') if l_0_summary is missing else l_0_summary))
    yield '</p>\n<table>\n<thead><tr>'
    for l_1_h in (undefined(name='header') if l_0_header is missing else l_0_header):
        _loop_vars = {}
        pass
        yield '<th>'
        yield escape(l_1_h)
        yield '</th>'
    l_1_h = missing
    yield '</tr></thead>\n<tbody>\n'
    for (l_1_state, l_1_row) in (undefined(name='rows') if l_0_rows is missing else l_0_rows):
        _loop_vars = {}
        pass
        yield '<tr class="s-'
        yield escape(l_1_state)
        yield '">'
        for (l_2_v, l_2_k) in l_1_row:
            _loop_vars = {}
            pass
            yield '<td'
            if l_2_k:
                pass
                yield ' class="'
                yield escape(l_2_k)
                yield '"'
            yield '>'
            yield escape(l_2_v)
            yield '</td>'
        l_2_v = l_2_k = missing
        yield '</tr>\n'
    l_1_state = l_1_row = missing
    yield '</tbody>\n</table>\n</body>\n</html>\n'

blocks = {}
debug_info = '6=17&21=19&22=21&23=23&25=25&27=33&28=37'
