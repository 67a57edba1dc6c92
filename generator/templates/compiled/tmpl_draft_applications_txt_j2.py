# Compiled from generator/templates/draft/applications.txt.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'draft/applications.txt.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_f = resolve('f')
    l_0_results = resolve('results')
    pass
    yield '本年度共新收政府信息公开申请'
    yield str(environment.getattr(environment.getitem((undefined(name='f') if l_0_f is missing else l_0_f), 'new'), 'value'))
    yield '件，其中'
    yield str(environment.getattr(environment.getitem((undefined(name='f') if l_0_f is missing else l_0_f), 'new.natural'), 'label'))
    yield str(environment.getattr(environment.getitem((undefined(name='f') if l_0_f is missing else l_0_f), 'new.natural'), 'value'))
    yield '件、'
    yield str(environment.getattr(environment.getitem((undefined(name='f') if l_0_f is missing else l_0_f), 'new.legal'), 'label'))
    yield str(environment.getattr(environment.getitem((undefined(name='f') if l_0_f is missing else l_0_f), 'new.legal'), 'value'))
    yield '件；上年结转政府信息公开申请'
    yield str(environment.getattr(environment.getitem((undefined(name='f') if l_0_f is missing else l_0_f), 'carried_over'), 'value'))
    yield '件。本年度办理结果中，'
    l_1_loop = missing
    for l_1_r, l_1_loop in LoopContext((undefined(name='results') if l_0_results is missing else l_0_results), undefined):
        _loop_vars = {}
        pass
        yield str(environment.getattr(l_1_r, 'label'))
        yield str(environment.getattr(l_1_r, 'value'))
        yield '件'
        yield str(('、' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 1 in 'draft/applications.txt.j2' evaluated to false and no else section was defined.")))
    l_1_loop = l_1_r = missing
    yield '，'
    yield str(environment.getattr(environment.getitem((undefined(name='f') if l_0_f is missing else l_0_f), 'results_total'), 'label'))
    yield str(environment.getattr(environment.getitem((undefined(name='f') if l_0_f is missing else l_0_f), 'results_total'), 'value'))
    yield '件；结转下年度继续办理'
    yield str(environment.getattr(environment.getitem((undefined(name='f') if l_0_f is missing else l_0_f), 'carried_forward'), 'value'))
    yield '件。\n'

blocks = {}
debug_info = '1=14'
