# Compiled from generator/templates/parts/closing.html.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'parts/closing.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    l_0_signature_pieces = resolve('signature_pieces')
    pass
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'contact'):
        pass
        yield '<p class="rg-contact">'
        yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'contact'))
        yield '</p>\n'
    yield '<div class="rg-closing" style="text-align:right">\n<div class="rg-closing-block">\n<p class="rg-signature">'
    l_1_loop = missing
    for l_1_piece, l_1_loop in LoopContext((undefined(name='signature_pieces') if l_0_signature_pieces is missing else l_0_signature_pieces), undefined):
        _loop_vars = {}
        pass
        if (not environment.getattr(l_1_loop, 'first')):
            pass
            yield '<wbr>'
        yield escape(l_1_piece)
    l_1_loop = l_1_piece = missing
    yield '</p>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'date'):
        pass
        yield '<p class="rg-date">'
        yield escape(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'date'))
        yield '</p>\n'
    yield '</div>\n</div>\n'

blocks = {}
debug_info = '2=13&3=16&7=20&8=29&9=32'
