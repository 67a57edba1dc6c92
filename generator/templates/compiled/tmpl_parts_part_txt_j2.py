# Compiled from generator/templates/parts/part.txt.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'parts/part.txt.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_part = resolve('part')
    l_0_table_lines = resolve('table_lines')
    l_0_paragraph = missing
    pass
    included_template = environment.get_template('parts/macros.txt.j2', 'parts/part.txt.j2')._get_default_module(context)
    l_0_paragraph = getattr(included_template, 'paragraph', missing)
    if l_0_paragraph is missing:
        l_0_paragraph = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'parts/part.txt.j2') does not export the requested name 'paragraph'", name='paragraph')
    context.vars['paragraph'] = l_0_paragraph
    context.exported_vars.discard('paragraph')
    yield str(environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'heading'))
    yield '\n\n'
    if environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'table'):
        pass
        for l_1_line in context.call((undefined(name='table_lines') if l_0_table_lines is missing else l_0_table_lines), environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'table')):
            _loop_vars = {}
            pass
            yield str(l_1_line)
            yield '\n'
        l_1_line = missing
        yield '\n'
    for l_1_p in environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'paragraphs'):
        _loop_vars = {}
        pass
        yield str(context.call((undefined(name='paragraph') if l_0_paragraph is missing else l_0_paragraph), l_1_p, _loop_vars=_loop_vars))
        yield '\n\n'
    l_1_p = missing

blocks = {}
debug_info = '2=14&3=20&5=22&6=24&7=27&11=31&12=34'
