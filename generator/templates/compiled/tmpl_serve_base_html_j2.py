# Compiled from generator/templates/serve/base.html.j2 by scripts/compile_templates.py: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'serve/base.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    pass
    yield '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    yield from context.blocks['head'][0](context)
    yield '<title>'
    yield from context.blocks['title'][0](context)
    yield '</title>\n<style>\nbody { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0 auto; max-width: 1100px; padding: 1em; line-height: 1.6; color: #222; }\nh1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.5em; border-bottom: 1px solid #ddd; }\ntable { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ccc; padding: .3em .5em; text-align: left; vertical-align: top; }\n.scroll { overflow-x: auto; } .num { text-align: right; }\n.state { font-weight: bold; white-space: nowrap; }\n.s-通过, .s-已通过 { color: #176b2c; } .s-有警告, .s-待审核 { color: #8a5a00; } .s-有错误, .s-已退回, .s-无法读取, .s-年度不符 { color: #b00020; } .s-未提交 { color: #666; }\n.error { color: #b00020; } .warning { color: #8a5a00; } .notice { background: #fff4e5; border-left: 4px solid #e69500; padding: .5em 1em; }\n.returned { background: #fdecee; border-left: 4px solid #b00020; padding: .5em 1em; }\n.ok { background: #e9f6ec; border-left: 4px solid #176b2c; padding: .5em 1em; }\nul.findings li { margin-bottom: .3em; word-break: break-all; }\ninput[type=text], input[type=password], textarea, select { font-size: 1em; padding: .3em; max-width: 100%; box-sizing: border-box; }\ninput[type=text].explain { width: 100%; }\nbutton, .button { font-size: 1em; padding: .4em 1em; margin: .2em 0; }\nform.inline { display: inline; }\nnav a { margin-right: 1em; } code { word-break: break-all; }\n#status th, #status td { white-space: nowrap; } #status td.problems { white-space: normal; min-width: 16em; }\n</style>\n</head>\n<body>\n'
    yield from context.blocks['body'][0](context)
    yield '</body>\n</html>\n'

def block_head(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield '政府信息公开工作年度报告网上收集'

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'head': block_head, 'title': block_title, 'body': block_body}
debug_info = '6=12&7=14&28=16&6=19&7=28&28=38'
