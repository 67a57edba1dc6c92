# Compiled from generator/templates/collect/index.html.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'collect/index.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_count = resolve('count')
    l_0_groups = resolve('groups')
    pass
    yield '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '</title>\n<style>\nbody { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 52em; padding: 0 1em; line-height: 1.8; }\nh1 { font-size: 1.6em; text-align: center; }\nh2 { font-size: 1.2em; border-bottom: 1px solid #ccc; }\nul { list-style: none; padding-left: 0; }\nli a.format { margin-left: 1em; font-size: 0.9em; }\n</style>\n</head>\n<body>\n<h1>'
    yield escape((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '</h1>\n<p class="count">共 '
    yield escape((undefined(name='count') if l_0_count is missing else l_0_count))
    yield ' 份报告。</p>\n'
    for (l_1_category, l_1_units) in (undefined(name='groups') if l_0_groups is missing else l_0_groups):
        _loop_vars = {}
        pass
        yield '<section>\n<h2>'
        yield escape(l_1_category)
        yield '</h2>\n<ul>\n'
        for l_2_unit in l_1_units:
            _loop_vars = {}
            pass
            yield '<li><a href="'
            yield escape(environment.getattr(l_2_unit, 'html'))
            yield '">'
            yield escape(environment.getattr(l_2_unit, 'title'))
            yield '</a><a class="format" href="'
            yield escape(environment.getattr(l_2_unit, 'docx'))
            yield '">Word 版</a></li>\n'
        l_2_unit = missing
        yield '</ul>\n</section>\n'
    l_1_category = l_1_units = missing
    yield '</body>\n</html>\n'

blocks = {}
debug_info = '6=15&16=17&17=19&18=21&20=25&22=27&23=31'
