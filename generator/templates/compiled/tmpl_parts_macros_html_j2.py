# Compiled from generator/templates/parts/macros.html.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'parts/macros.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_paragraph = l_0_cell = l_0_rows = l_0_table = missing
    try:
        t_1 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_3 = environment.filters['sum']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'sum' found.")
    pass
    def macro(l_1_p):
        t_4 = []
        if l_1_p is missing:
            l_1_p = undefined("parameter 'p' was not provided", name='p')
        pass
        if environment.getattr(l_1_p, 'standalone'):
            pass
            t_4.extend((
                '<h3 class="rg-subheading">',
                escape(environment.getattr(l_1_p, 'text')),
                '</h3>\n',
            ))
        elif environment.getattr(l_1_p, 'heading'):
            pass
            t_4.extend((
                '<p class="rg-body"><strong class="rg-runin">',
                escape(environment.getattr(l_1_p, 'heading')),
                '</strong>',
                escape(environment.getattr(l_1_p, 'rest')),
                '</p>\n',
            ))
        else:
            pass
            t_4.extend((
                '<p class="rg-body">',
                escape(environment.getattr(l_1_p, 'text')),
                '</p>\n',
            ))
        return concat(t_4)
    context.exported_vars.add('paragraph')
    context.vars['paragraph'] = l_0_paragraph = Macro(environment, macro, 'paragraph', ('p',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_c):
        t_5 = []
        l_1_label_pieces = resolve('label_pieces')
        l_1_tag = l_1_pieces = missing
        if l_1_c is missing:
            l_1_c = undefined("parameter 'c' was not provided", name='c')
        pass
        l_1_tag = ('td' if (environment.getattr(l_1_c, 'role') == 'value') else 'th')
        t_5.extend((
            '<',
            escape((undefined(name='tag') if l_1_tag is missing else l_1_tag)),
            ' class="rg-',
            escape(environment.getattr(l_1_c, 'role')),
            '"',
        ))
        if (environment.getattr(l_1_c, 'rowspan') > 1):
            pass
            t_5.extend((
                ' rowspan="',
                escape(environment.getattr(l_1_c, 'rowspan')),
                '"',
            ))
        if (environment.getattr(l_1_c, 'colspan') > 1):
            pass
            t_5.extend((
                ' colspan="',
                escape(environment.getattr(l_1_c, 'colspan')),
                '"',
            ))
        if (environment.getattr(l_1_c, 'role') == 'header'):
            pass
            t_5.append(
                ' scope="col"',
            )
        elif (environment.getattr(l_1_c, 'role') == 'label'):
            pass
            t_5.append(
                ' scope="row"',
            )
        if (environment.getattr(l_1_c, 'role') == 'value'):
            pass
            t_5.extend((
                ' data-cell="',
                escape(environment.getattr(l_1_c, 'cell')),
                '"',
            ))
        t_5.append(
            '>',
        )
        l_1_pieces = context.call((undefined(name='label_pieces') if l_1_label_pieces is missing else l_1_label_pieces), l_1_c)
        if (undefined(name='pieces') if l_1_pieces is missing else l_1_pieces):
            pass
            l_2_loop = missing
            for l_2_piece, l_2_loop in LoopContext((undefined(name='pieces') if l_1_pieces is missing else l_1_pieces), undefined):
                _loop_vars = {}
                pass
                if (not environment.getattr(l_2_loop, 'first')):
                    pass
                    t_5.append(
                        '<wbr>',
                    )
                t_5.extend((
                    '<span>',
                    escape(l_2_piece),
                    '</span>',
                ))
            l_2_loop = l_2_piece = missing
        else:
            pass
            t_5.append(
                escape(environment.getattr(l_1_c, 'text')),
            )
        t_5.extend((
            '</',
            escape((undefined(name='tag') if l_1_tag is missing else l_1_tag)),
            '>',
        ))
        return concat(t_5)
    context.exported_vars.add('cell')
    context.vars['cell'] = l_0_cell = Macro(environment, macro, 'cell', ('c',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_table, l_1_start, l_1_stop):
        t_6 = []
        if l_1_table is missing:
            l_1_table = undefined("parameter 'table' was not provided", name='table')
        if l_1_start is missing:
            l_1_start = undefined("parameter 'start' was not provided", name='start')
        if l_1_stop is missing:
            l_1_stop = undefined("parameter 'stop' was not provided", name='stop')
        pass
        for l_2_row in environment.getattr(l_1_table, 'rows')[l_1_start:l_1_stop]:
            _loop_vars = {}
            pass
            t_6.append(
                '<tr>',
            )
            for l_3_c in l_2_row:
                _loop_vars = {}
                pass
                t_6.append(
                    escape(context.call((undefined(name='cell') if l_0_cell is missing else l_0_cell), l_3_c, _loop_vars=_loop_vars)),
                )
            l_3_c = missing
            t_6.append(
                '</tr>\n',
            )
        l_2_row = missing
        return concat(t_6)
    context.exported_vars.add('rows')
    context.vars['rows'] = l_0_rows = Macro(environment, macro, 'rows', ('table', 'start', 'stop'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_t, l_1_labelledby):
        t_7 = []
        l_1_min_width_em = resolve('min_width_em')
        l_1_total = missing
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        if l_1_labelledby is missing:
            l_1_labelledby = undefined("parameter 'labelledby' was not provided", name='labelledby')
        pass
        l_1_total = t_3(environment, environment.getattr(l_1_t, 'widths'))
        t_7.extend((
            '<div class="rg-table-wrap">\n<table class="rg-table rg-table-',
            escape(environment.getattr(l_1_t, 'key')),
            '" style="min-width:',
            escape(context.call((undefined(name='min_width_em') if l_1_min_width_em is missing else l_1_min_width_em), l_1_t)),
            'em" aria-labelledby="',
            escape(l_1_labelledby),
            '">\n<colgroup>',
        ))
        for l_2_w in environment.getattr(l_1_t, 'widths'):
            _loop_vars = {}
            pass
            t_7.extend((
                '<col style="width:',
                escape(t_1('%.2f', ((l_2_w * 100) / (undefined(name='total') if l_1_total is missing else l_1_total)))),
                '%">',
            ))
        l_2_w = missing
        t_7.append(
            '</colgroup>\n',
        )
        if environment.getattr(l_1_t, 'header_rows'):
            pass
            t_7.extend((
                '<thead>\n',
                escape(context.call((undefined(name='rows') if l_0_rows is missing else l_0_rows), l_1_t, 0, environment.getattr(l_1_t, 'header_rows'))),
                '\n</thead>\n',
            ))
        t_7.extend((
            '<tbody>\n',
            escape(context.call((undefined(name='rows') if l_0_rows is missing else l_0_rows), l_1_t, environment.getattr(l_1_t, 'header_rows'), t_2(environment.getattr(l_1_t, 'rows')))),
            '\n</tbody>\n</table>\n</div>',
        ))
        return concat(t_7)
    context.exported_vars.add('table')
    context.vars['table'] = l_0_table = Macro(environment, macro, 'table', ('t', 'labelledby'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=30&3=35&4=39&5=42&6=46&8=55&12=62&13=69&14=72&15=77&16=84&17=91&18=101&19=111&20=112&21=132&24=143&25=152&26=158&30=173&31=182&33=185&34=192&35=204&37=208&41=213'
