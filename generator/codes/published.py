"""Finding codes of importing a published report (.txt/.md, .docx, .html, .pdf): warnings to check by eye, one error."""

from __future__ import annotations

from .registry import define

AREA = "import"

IMPORT_SPLIT = define(
    "IMPORT-SPLIT",
    "warning",
    "发布稿中一行的数字连在一起，已按勾稽关系唯一拆分（请核对）",
    "{where}的数字连在一起（{digits}），根据{rules}勾稽关系拆分为：{values}，请核对",
    area=AREA,
)
IMPORT_SPLIT_AMBIGUOUS = define(
    "IMPORT-SPLIT-AMBIGUOUS",
    "warning",
    "数字连在一起，有多种拆分都符合勾稽关系，该行未导入",
    "{where}的数字连在一起（{digits}），{why}，该行未导入",
    area=AREA,
)
IMPORT_SPLIT_NONE = define(
    "IMPORT-SPLIT-NONE",
    "warning",
    "数字连在一起，没有一种拆分符合勾稽关系，该行未导入",
    "{where}的数字连在一起（{digits}），{why}，该行未导入",
    area=AREA,
)
IMPORT_ALIGN = define(
    "IMPORT-ALIGN",
    "warning",
    "一行的单元格数与表格列数不符，按数字落在“总计”列对齐读取（请核对）",
    "{where}印出的单元格数与表格列数不符，按数字落在“总计”列对齐读取，请核对",
    area=AREA,
)
IMPORT_UNPLACED = define(
    "IMPORT-UNPLACED", "warning", "无法确定某些单元格属于哪一列，这些单元格未导入", "{where}印出 {printed} 个单元格，{problem}", area=AREA
)
IMPORT_EXTRA_COLUMNS = define(
    "IMPORT-EXTRA-COLUMNS",
    "warning",
    "一行比标准表格多出单元格，已根据勾稽关系或相同数值确定各列",
    "{where}比标准表格多出 {removed} 个单元格，{how}，请核对",
    area=AREA,
)
IMPORT_BAD_VALUE = define(
    "IMPORT-BAD-VALUE", "warning", "数值位置上印的不是数字，未导入", "{row}{column}列印的“{text}”不是数字，未导入", area=AREA
)
IMPORT_BLANK = define(
    "IMPORT-BLANK",
    "warning",
    "发布稿中印为空白的单元格（不同于 0），导入时不填、计算时按 0 处理",
    "{table}有 {count} 个单元格印为空白（未填数字，不同于 0），导入时不填、计算时按 0 处理：{shown}{more}",
    area=AREA,
)
IMPORT_LABEL_FUZZY = define(
    "IMPORT-LABEL-FUZZY",
    "warning",
    "行标签与标准表格不完全一致，按最接近的标准标签读取",
    "行标签“{printed}”与标准表格不完全一致，按“{standard}”读取",
    area=AREA,
)
IMPORT_DUPLICATE_ROW = define(
    "IMPORT-DUPLICATE-ROW",
    "warning",
    "同一行在表格中出现不止一次，只读取第一次",
    "{table}“{row}”行出现了不止一次，只读取第一次出现的数值",
    area=AREA,
)
IMPORT_MISSING_TABLE = define(
    "IMPORT-MISSING-TABLE", "warning", "没有找到某张标准表格", "没有找到{table}（{title}），其单元格未导入", area=AREA
)
IMPORT_MISSING_ROW = define("IMPORT-MISSING-ROW", "warning", "表格缺少某些标准行", "{table}缺少 {count} 行，未导入：{rows}", area=AREA)
IMPORT_MISSING_PART = define(
    "IMPORT-MISSING-PART", "warning", "没有找到六个部分之一的标准标题", "没有找到“{heading}”部分（标题缺失或报告不完整）", area=AREA
)
IMPORT_TRAILING = define(
    "IMPORT-TRAILING",
    "warning",
    "成文日期之后的文字（网页工具栏等）不属于报告正文，未导入",
    "成文日期之后的 {count} 行不属于报告正文，未导入：{dropped}",
    area=AREA,
)
IMPORT_YEAR_MISSING = define(
    "IMPORT-YEAR-MISSING", "warning", "没有找到报告年度", "没有找到报告年度，暂按 {year} 年读取，请核对", area=AREA
)
IMPORT_AGENCY_MISSING = define(
    "IMPORT-AGENCY-MISSING",
    "warning",
    "没有找到机关名称",
    "没有找到机关名称（标题和署名都没有），请在导入结果中填写",
    area=AREA,
)
IMPORT_VERSION = define(
    "IMPORT-VERSION",
    "warning",
    "无法从表格标签判断格式版本，按报告年度采用",
    "无法从表格标签判断格式版本，按报告年度采用 {version} 版格式",
    area=AREA,
)
IMPORT_INCOMPLETE = define(
    "IMPORT-INCOMPLETE",
    "error",
    "一张标准表格没有找到，或读取到的单元格不足一半：导入不完整",
    "{table}（{title}）{detail}，导入不完整，请对照原文核对或改用其他格式的原文",
    area=AREA,
)
IMPORT_TOTAL_BLANK = define(
    "IMPORT-TOTAL-BLANK",
    "warning",
    "发布稿的“总计”列印为空白而同行其他单元格已填：总计导入为空白，按各列相加计算",
    "{table}有 {count} 行的“总计”列印为空白而同行其他单元格已填：{rows}；总计导入为空白，核对时按各列相加计算",
    area=AREA,
)
IMPORT_FLAT = define(
    "IMPORT-FLAT",
    "warning",
    "发布稿的文字失去了换行和单元格分隔（网页抓取），已按标准标签切分后读取",
    "文字失去了换行和单元格分隔（常见于网页抓取的文本），已按标准标题和表格标签切分后读取，请核对",
    area=AREA,
)
IMPORT_SPLIT_NARRATIVE = define(
    "IMPORT-SPLIT-NARRATIVE",
    "warning",
    "数字连在一起、该行没有勾稽关系，按正文中提到该行的数字唯一拆分（请核对）",
    "{where}的数字连在一起（{digits}），该行没有勾稽关系，按正文“{sentence}”中的数字拆分为：{values}，请核对",
    area=AREA,
)
IMPORT_PAGE_AS_TEXT = define(
    "IMPORT-PAGE-AS-TEXT",
    "warning",
    "PDF 某页的表格线过多或过密，未按表格线重建表格，只读取了文字（请核对该页的表格）",
    "第 {page} 页{cause}，未按表格线重建表格，只读取了文字，请核对该页的表格",
    area=AREA,
)
IMPORT_XML_ENTITY = define(
    "IMPORT-XML-ENTITY",
    "warning",
    "文档中有引用外部内容的 XML 实体，出于安全未读取，该处文字缺失",
    "{where}有引用外部内容的 XML 实体（{entity}），出于安全未读取，该处文字缺失，请核对",
    area=AREA,
)
IMPORT_UNCHECKED = define(
    "IMPORT-UNCHECKED",
    "warning",
    "发布稿中有单元格未读取，涉及这些单元格的核对规则没有核对（不是错误）",
    "{table}有 {count} 条核对规则涉及未读取的单元格，没有核对（不作为错误）：{rules}；未读取的行：{rows}",
    area=AREA,
)
IMPORT_TRADITIONAL = define(
    "IMPORT-TRADITIONAL",
    "warning",
    "发布稿是繁体字（镜像网站常见），已转换为简体后读取",
    "发布稿是繁体字（镜像网站常见），已将 {count} 个字转换为简体后读取，请核对机关名称等专名",
    area=AREA,
)
IMPORT_FORMER_ROW = define(
    "IMPORT-FORMER-ROW",
    "warning",
    "表格印出了旧版格式的一行（本版格式已分为几行），其数字按本版该组的最后一行读取",
    "{table}按旧版格式印出“{row}”一行（本版格式分为几行），其数字按“{target}”读取，该组其他行未印出（涉及它们的核对未进行），请核对",
    area=AREA,
)
