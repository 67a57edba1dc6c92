# Compiled from generator/templates/report.html.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    l_0_title_chars = resolve('title_chars')
    l_0_paragraph = missing
    pass
    included_template = environment.get_template('parts/macros.html.j2', 'report.html.j2')._get_default_module(context)
    l_0_paragraph = getattr(included_template, 'paragraph', missing)
    if l_0_paragraph is missing:
        l_0_paragraph = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'report.html.j2') does not export the requested name 'paragraph'", name='paragraph')
    context.vars['paragraph'] = l_0_paragraph
    context.exported_vars.discard('paragraph')
    yield '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>'
    yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'title'))
    yield '</title>\n<style>\n'
    template = environment.get_template('report.css', 'report.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'paragraph': l_0_paragraph}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '</style>\n</head>\n<body>\n<article class="rg-report">\n<h1 class="rg-title" style="--rg-title-chars:'
    yield escape((undefined(name='title_chars') if l_0_title_chars is missing else l_0_title_chars))
    yield '">\n'
    for l_1_line in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'title_lines'):
        _loop_vars = {}
        pass
        yield '<span class="rg-title-line">'
        yield escape(l_1_line)
        yield '</span>\n'
    l_1_line = missing
    yield '</h1>\n'
    for l_1_p in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'preface'):
        _loop_vars = {}
        pass
        yield '<p class="rg-preface">'
        yield escape(environment.getattr(l_1_p, 'text'))
        yield '</p>\n'
    l_1_p = missing
    for l_1_part in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'parts'):
        _loop_vars = {}
        pass
        template = environment.get_template('parts/part.html.j2', 'report.html.j2')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'part': l_1_part, 'paragraph': l_0_paragraph}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    l_1_part = missing
    template = environment.get_template('parts/closing.html.j2', 'report.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'paragraph': l_0_paragraph}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '</article>\n</body>\n</html>\n'

blocks = {}
debug_info = '2=14&8=21&10=23&15=30&16=32&17=36&20=40&21=44&23=47&24=50&26=57'
