# Compiled from generator/templates/report.txt.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.txt.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_view = resolve('view')
    l_0_paragraph = missing
    pass
    included_template = environment.get_template('parts/macros.txt.j2', 'report.txt.j2')._get_default_module(context)
    l_0_paragraph = getattr(included_template, 'paragraph', missing)
    if l_0_paragraph is missing:
        l_0_paragraph = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'report.txt.j2') does not export the requested name 'paragraph'", name='paragraph')
    context.vars['paragraph'] = l_0_paragraph
    context.exported_vars.discard('paragraph')
    for l_1_line in (undefined(name='title') if l_0_title is missing else l_0_title):
        _loop_vars = {}
        pass
        yield str(l_1_line)
        yield '\n'
    l_1_line = missing
    yield '\n'
    for l_1_p in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'preface'):
        _loop_vars = {}
        pass
        yield str(context.call((undefined(name='paragraph') if l_0_paragraph is missing else l_0_paragraph), l_1_p, _loop_vars=_loop_vars))
        yield '\n\n'
    l_1_p = missing
    for l_1_part in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'parts'):
        _loop_vars = {}
        pass
        template = environment.get_template('parts/part.txt.j2', 'report.txt.j2')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'part': l_1_part, 'paragraph': l_0_paragraph}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        yield '\n'
    l_1_part = missing
    template = environment.get_template('parts/closing.txt.j2', 'report.txt.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'paragraph': l_0_paragraph}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

blocks = {}
debug_info = '2=14&3=20&4=23&7=27&8=30&11=33&12=36&15=44'
