# Compiled from generator/templates/parts/part.html.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'parts/part.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_part = resolve('part')
    l_0_table_html = resolve('table_html')
    l_0_paragraph = missing
    pass
    included_template = environment.get_template('parts/macros.html.j2', 'parts/part.html.j2')._get_default_module(context)
    l_0_paragraph = getattr(included_template, 'paragraph', missing)
    if l_0_paragraph is missing:
        l_0_paragraph = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'parts/part.html.j2') does not export the requested name 'paragraph'", name='paragraph')
    context.vars['paragraph'] = l_0_paragraph
    context.exported_vars.discard('paragraph')
    yield '<section class="rg-part rg-part-'
    yield escape(environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'key'))
    yield '">\n<h2 class="rg-heading" id="rg-'
    yield escape(environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'key'))
    yield '">'
    yield escape(environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'heading'))
    yield '</h2>\n'
    if environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'table'):
        pass
        yield escape(context.call((undefined(name='table_html') if l_0_table_html is missing else l_0_table_html), environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'table'), markup_join(('rg-', environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'key'), ))))
        yield '\n'
    for l_1_p in environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'paragraphs'):
        _loop_vars = {}
        pass
        yield escape(context.call((undefined(name='paragraph') if l_0_paragraph is missing else l_0_paragraph), l_1_p, _loop_vars=_loop_vars))
        yield '\n'
    l_1_p = missing
    yield '</section>\n'

blocks = {}
debug_info = '2=14&3=21&4=23&5=27&6=29&8=31&9=34'
