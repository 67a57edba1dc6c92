# Compiled from generator/templates/parts/closing.txt.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'parts/closing.txt.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    pass
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'contact'):
        pass
        yield str(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'contact'))
        yield '\n\n'
    yield str(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'signature'))
    yield '\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'date'):
        pass
        yield str(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'date'))
        yield '\n'

blocks = {}
debug_info = '2=12&3=14&6=16&7=18&8=20'
