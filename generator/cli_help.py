"""The top-level ``reportgen --help`` text, stored so printing it loads nothing (written by scripts/update_help.py)."""

HELP_OPTIONS = ("-h", "--help")
BARE_EXIT = 0  # exit code of ``reportgen`` alone, which prints the same page (None: it does not)
BARE_TO_STDERR = False
TOP_HELP = (
    "用法：reportgen [选项] 命令 [参数]...\n"
    "\n"
    "  检查并生成政府信息公开工作年度报告。\n"
    "\n"
    "  示例：reportgen build 年度报告.xlsx -o 输出\n"
    "\n"
    "选项：\n"
    "  -h, --help  显示本帮助并退出。\n"
    "\n"
    "命令：\n"
    "  build      检查输入并生成报告（有错误的输入不生成任何文件；每个输入的各格式要么全部生成，要么都不生成）。\n"
    "  check      检查输入的全部勾稽关系，不生成报告。\n"
    "  export     把多个报告的全部单元格导出到一个 CSV 或 Excel 文件（每个单元格一行，含合计）。\n"
    "  schema     输出 YAML 输入文件的 JSON Schema（可用于编辑器自动补全与校验）。\n"
    "  template   生成供填写的 Excel 模板（带公式合计、勾稽检查和数据校验）。\n"
    "  import     把已发布的报告读回为 reportgen 的输入格式（YAML 或 Excel）。\n"
    "  audit      逐份检查一个文件夹中已发布的报告，写出问题清单（每个问题一行）和报告汇总。\n"
    "  roster     生成空白的单位名单（名单.xlsx），供主管部门填写应报送年度报告的单位。\n"
    "  collect    收取各单位报送的报告：逐一检查，写出提交情况、退回件、数据和（可选）报告。\n"
    "  aggregate  把各单位报告的数字逐格相加，得到本级报告的输入文件（附汇总来源）。\n"
    "  draft      根据表格数据为第二、三、四部分起草常用表述（已填写的文字不会被改动）。\n"
    "  serve      在浏览器中收取各单位的报告：各单位凭专属链接上传、查看问题并提交，主管部门在 /admin 审核。\n"
)
