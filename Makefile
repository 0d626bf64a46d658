# wenshu — 常用命令 (common tasks). Tests and PDFs share one cargo profile
# (dev, with optimised dependencies), so typst is compiled only once.

CARGO ?= cargo
WENSHU = $(CARGO) run --quiet --

.PHONY: all pdf check test tools report doc clean

## 生成 projects/ 下每个项目的全部文书到 out/
all: pdf

pdf:
	$(WENSHU) build projects --out out

## 只检查项目文件（求和、必填项、字体），不生成 PDF
check:
	$(WENSHU) check projects

## 运行全部测试（先装好测试要用的命令行工具）
test: tools
	$(CARGO) test

## 测试读 PDF 的文字（pdftotext）、在终端里运行（script）、用 LibreOffice 打印和重算 Excel 表格
## （soffice，列宽与 Excel 一致要 Carlito 字体）；缺了就用 apt-get 安装，没有 apt-get 时说明要装什么。
## 测试绝不因缺工具而悄悄跳过。
TOOLS = pdftotext:poppler-utils script:bsdutils soffice:libreoffice-calc-nogui python3:python3
tools:
	@missing=""; for t in $(TOOLS); do command -v $${t%%:*} >/dev/null 2>&1 || missing="$$missing $${t##*:}"; done; \
	fc-list Carlito 2>/dev/null | grep -q . || missing="$$missing fonts-crosextra-carlito"; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	    echo "安装测试用的工具：$$missing"; $$sudo apt-get update -qq && $$sudo apt-get install -y -qq $$missing >/dev/null; \
	  else echo "测试需要这些软件包：$$missing（请用系统的包管理器安装）"; exit 1; fi; \
	fi

## 年终：每个有年终数据（evaluation）的项目生成绩效评价报告、绩效自评表（PDF 和 Excel）
## 和绩效目标表.xlsx，再生成全部项目的汇总表（out/汇总表.pdf、out/汇总表.xlsx）
report:
	$(WENSHU) build projects --out out --only report --xlsx
	$(WENSHU) summary projects --out out

## 只生成某一种文书，例如 make doc DOC=用户需求书
doc:
	$(WENSHU) build projects --out out --only "$(DOC)"

clean:
	rm -rf out
