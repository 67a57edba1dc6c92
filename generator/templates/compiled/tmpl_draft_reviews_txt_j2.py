# Compiled from generator/templates/draft/reviews.txt.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'draft/reviews.txt.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_f = resolve('f')
    l_0_detail = missing
    pass
    def macro(l_1_key):
        t_1 = []
        if l_1_key is missing:
            l_1_key = undefined("parameter 'key' was not provided", name='key')
        pass
        def t_2(fiter):
            for (l_2_k, l_2_v) in fiter:
                if context.call(environment.getattr(l_2_k, 'startswith'), str_join((l_1_key, '.', ))):
                    yield (l_2_k, l_2_v)
        l_2_loop = missing
        for (l_2_k, l_2_v), l_2_loop in LoopContext(t_2(context.call(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'items'))), undefined):
            _loop_vars = {}
            pass
            t_1.extend((
                str(('、' if (not environment.getattr(l_2_loop, 'first')) else cond_expr_undefined("the inline if-expression on line 1 in 'draft/reviews.txt.j2' evaluated to false and no else section was defined."))),
                str(environment.getattr(l_2_v, 'label')),
                str(environment.getattr(l_2_v, 'value')),
                '件',
            ))
        l_2_loop = l_2_k = l_2_v = missing
        return concat(t_1)
    context.exported_vars.add('detail')
    context.vars['detail'] = l_0_detail = Macro(environment, macro, 'detail', ('key',), False, False, False, context.eval_ctx.autoescape)
    yield '本年度因政府信息公开申请行政复议'
    yield str(environment.getattr(environment.getitem((undefined(name='f') if l_0_f is missing else l_0_f), 'reconsideration'), 'value'))
    yield '件'
    if (environment.getattr(environment.getitem((undefined(name='f') if l_0_f is missing else l_0_f), 'reconsideration'), 'value') != '0'):
        pass
        yield '，其中'
        yield str(context.call((undefined(name='detail') if l_0_detail is missing else l_0_detail), 'reconsideration'))
    yield '；提起行政诉讼'
    yield str(environment.getattr(environment.getitem((undefined(name='f') if l_0_f is missing else l_0_f), 'litigation'), 'value'))
    yield '件'
    if (environment.getattr(environment.getitem((undefined(name='f') if l_0_f is missing else l_0_f), 'litigation'), 'value') != '0'):
        pass
        yield '，其中'
        yield str(context.call((undefined(name='detail') if l_0_detail is missing else l_0_detail), 'litigation'))
    yield '。\n'

blocks = {}
debug_info = '1=13&2=37'
