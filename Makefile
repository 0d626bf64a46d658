# wenshu — 常用命令 (common tasks). Tests and PDFs share one cargo profile
# (dev, with optimised dependencies), so typst is compiled only once.

CARGO ?= cargo
WENSHU = $(CARGO) run --quiet --

.PHONY: all pdf check test report clean

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

## 年终绩效评价报告：随绩效评价功能提供（见 issue “Year-end evaluation”）
report:
	@echo "make report：绩效评价报告尚未实现" >&2; exit 1

clean:
	rm -rf out
