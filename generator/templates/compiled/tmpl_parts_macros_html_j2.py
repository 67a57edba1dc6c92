# Compiled from generator/templates/parts/macros.html.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'parts/macros.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_paragraph = missing
    pass
    def macro(l_1_p):
        t_1 = []
        if l_1_p is missing:
            l_1_p = undefined("parameter 'p' was not provided", name='p')
        pass
        if environment.getattr(l_1_p, 'standalone'):
            pass
            t_1.extend((
                '<h3 class="rg-subheading">',
                escape(environment.getattr(l_1_p, 'text')),
                '</h3>\n',
            ))
        elif environment.getattr(l_1_p, 'heading'):
            pass
            t_1.extend((
                '<p class="rg-body"><strong class="rg-runin">',
                escape(environment.getattr(l_1_p, 'heading')),
                '</strong>',
                escape(environment.getattr(l_1_p, 'rest')),
                '</p>\n',
            ))
        else:
            pass
            t_1.extend((
                '<p class="rg-body">',
                escape(environment.getattr(l_1_p, 'text')),
                '</p>\n',
            ))
        return concat(t_1)
    context.exported_vars.add('paragraph')
    context.vars['paragraph'] = l_0_paragraph = Macro(environment, macro, 'paragraph', ('p',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=12&3=17&4=21&5=24&6=28&8=37'
