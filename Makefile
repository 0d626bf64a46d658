# wenshu — 常用命令 (common tasks). Tests and PDFs share one cargo profile
# (dev, with optimised dependencies), so typst is compiled only once.

CARGO ?= cargo
WENSHU = $(CARGO) run --quiet --

.PHONY: all pdf check test report doc clean

## 生成 projects/ 下每个项目的全部文书到 out/
all: pdf

pdf:
	$(WENSHU) build projects --out out

## 只检查项目文件（求和、必填项、字体），不生成 PDF
check:
	$(WENSHU) check projects

## 运行全部测试
test:
	$(CARGO) test

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
