"""The top-level ``reportgen --help`` text, stored so printing it loads nothing (written by scripts/update_help.py)."""

HELP_OPTIONS = ("--help",)
BARE_EXIT = 2  # exit code of ``reportgen`` alone, which prints the same page (None: it does not)
BARE_TO_STDERR = True
TOP_HELP = (
    "Usage: reportgen [OPTIONS] COMMAND [ARGS]...\n"
    "\n"
    "  检查并生成政府信息公开工作年度报告。\n"
    "\n"
    "  示例：reportgen build 年度报告.xlsx -o 输出\n"
    "\n"
    "Options:\n"
    "  --help  Show this message and exit.\n"
    "\n"
    "Commands:\n"
    "  build     检查输入并生成报告（有错误的输入不生成任何文件）。\n"
    "  check     检查输入的全部勾稽关系，不生成报告。\n"
    "  export    把多个报告的全部单元格导出到一个 CSV 或 Excel 文件（每个单元格一行，含合计）。\n"
    "  schema    输出 YAML 输入文件的 JSON Schema（可用于编辑器自动补全与校验）。\n"
    "  template  生成供填写的 Excel 模板（带公式合计、勾稽检查和数据校验）。\n"
    "  import    把已发布的报告读回为 reportgen 的输入格式（YAML 或 Excel）。\n"
)
