# Compiled from generator/templates/draft/proactive.txt.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'draft/proactive.txt.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_blocks = resolve('blocks')
    pass
    l_1_loop = missing
    for l_1_block, l_1_loop in LoopContext((undefined(name='blocks') if l_0_blocks is missing else l_0_blocks), undefined):
        _loop_vars = {}
        pass
        if environment.getattr(l_1_block, 'header'):
            pass
            yield str(environment.getattr(l_1_block, 'header'))
            yield '：'
        l_2_loop = missing
        for l_2_row, l_2_loop in LoopContext(environment.getattr(l_1_block, 'rows'), undefined):
            _loop_vars = {}
            pass
            yield str(environment.getattr(l_2_row, 'label'))
            yield '：'
            l_3_loop = missing
            for l_3_part, l_3_loop in LoopContext(environment.getattr(l_2_row, 'parts'), undefined):
                _loop_vars = {}
                pass
                yield str(('，' if (not environment.getattr(l_3_loop, 'first')) else cond_expr_undefined("the inline if-expression on line 1 in 'draft/proactive.txt.j2' evaluated to false and no else section was defined.")))
                yield str(environment.getattr(l_3_part, 'label'))
                yield str(environment.getattr(l_3_part, 'value'))
                yield str(environment.getattr(l_3_part, 'unit'))
            l_3_loop = l_3_part = missing
            yield str(('；' if (not environment.getattr(l_2_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 1 in 'draft/proactive.txt.j2' evaluated to false and no else section was defined.")))
        l_2_loop = l_2_row = missing
        yield '。'
    l_1_loop = l_1_block = missing

blocks = {}
debug_info = '1=13'
