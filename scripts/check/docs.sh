#!/usr/bin/env bash
# Checks the user docs against the repository and roo itself:
#   * every relative link in README.md and docs/*.md resolves to a file, and
#     every #anchor to a heading of the target page (GitHub's heading ids);
#   * no tracked file cites the product contract files a user of the
#     repository does not have (the conformance corpus path, a test input,
#     is allowed);
#   * README.md is at most 220 lines;
#   * every subcommand that `roo --help` lists has a "## NAME" section in
#     docs/cli.md, and every option of its --help appears there;
#   * every table `--table` accepts has a heading in docs/semantics.md;
#   * the README's worked example is what roo prints on a terminal.
# Builds roo (release, as check_generate.sh does). Ends with one line
# "docs: N passed, M failed"; exit status 1 when M > 0.
set -uo pipefail
cd "$(dirname "$0")/../.."
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

# slug HEADING: GitHub's id of a Markdown heading (ASCII headings).
slug() {
  printf '%s' "$1" | tr '[:upper:]' '[:lower:]' | LC_ALL=C sed -e 's/[^a-z0-9 _-]//g' -e 's/ /-/g'
}

# anchors FILE: the ids of FILE's headings, one a line (outside code fences).
anchors() {
  awk '/^```/ { fence = !fence; next } !fence && /^#+ / { sub(/^#+ +/, ""); print }' "$1" |
    while IFS= read -r heading; do slug "$heading"; echo; done
}

# links FILE: the targets of FILE's Markdown links, outside code fences and code spans.
links() {
  awk '/^```/ { fence = !fence; next } !fence { gsub(/`[^`]*`/, ""); print }' "$1" |
    grep -oE '\]\([^) ]+\)' | sed -e 's/^](//' -e 's/)$//'
}

pages=(README.md docs/*.md)
for page in "${pages[@]}"; do
  dir=$(dirname "$page")
  while IFS= read -r target; do
    [ -z "$target" ] && continue
    case "$target" in http://* | https://* | mailto:*) continue ;; esac
    path=${target%%#*}
    anchor=""
    [[ "$target" == *"#"* ]] && anchor=${target#*#}
    if [ -z "$path" ]; then file=$page; else file=$dir/$path; fi
    if [ ! -e "$file" ]; then
      fail "$page: link $target: no file $file"
      continue
    fi
    if [ -n "$anchor" ]; then
      # Not piped into grep -q: under pipefail, the writer's SIGPIPE would read as a miss.
      ids=$(anchors "$file")
      if [[ "$file" == *.md ]] && ! grep -qxF -- "$anchor" <<< "$ids"; then
        fail "$page: link $target: no heading #$anchor in $file"
        continue
      fi
    fi
    pass
  done < <(links "$page")
done

# The contract's own files: spelled in pieces so that this script does not cite them.
forbidden=("SPEC"" §" "SPEC""\\.md" "DOMAIN""\\.md" "\\.\\./shared/""SPEC" "shared/""DOMAIN")
pattern=$(IFS='|'; echo "${forbidden[*]}")
hits=$(git ls-files -z | xargs -0 grep -nIE "$pattern" -- 2>/dev/null)
if [ -n "$hits" ]; then
  fail "files cite the contract files users lack:"
  echo "$hits" | sed 's/^/  /'
else
  pass
fi
# What users read and what roo is built from never name the folder beside the repository (only the
# test harness scripts know where the conformance corpus is checked out).
hits=$(git ls-files -z -- README.md docs Sources Fixtures/README.md | xargs -0 grep -nIE '\.\./shared|shared/conformance' -- 2>/dev/null)
if [ -n "$hits" ]; then
  fail "README, docs or Sources name the folder beside the repository:"
  echo "$hits" | sed 's/^/  /'
else
  pass
fi

# Every script path the docs, tests and sources name exists (scripts/ is organised by purpose:
# docs/architecture.md, The repository).
missing=$(git ls-files -z -- README.md docs Fixtures/README.md Sources Tests scripts .ci Benchmarks/Benchmarks \
  | xargs -0 grep -ohIE 'scripts/[A-Za-z0-9_./-]*[A-Za-z0-9_]' -- 2>/dev/null | sort -u \
  | while read -r path; do [ -e "$path" ] || echo "$path"; done)
if [ -z "$missing" ]; then pass; else fail "named but missing: $(echo $missing)"; fi
# Two names in the top folder (the README's commands); every other script sits in a folder by purpose.
top=$(git ls-files scripts | awk -F/ 'NF == 2 { print $2 }' | grep -vxE 'run\.sh|test\.sh' || true)
if [ -z "$top" ]; then pass; else fail "scripts/ holds files outside its folders: $(echo $top)"; fi

lines=$(wc -l < README.md)
if [ "$lines" -le 220 ]; then pass; else fail "README.md has $lines lines (at most 220)"; fi

scripts/ci/deps.sh >/dev/null || exit 1
swift build -c release --product roo >/dev/null 2>&1 || { fail "swift build -c release --product roo"; echo "docs: $passed passed, $failed failed"; exit 1; }
roo=.build/release/roo

commands=$(COLUMNS=200 "$roo" --help | awk '/^SUBCOMMANDS:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
[ -n "$commands" ] || fail "roo --help lists no subcommand"
for command in $commands; do
  if grep -qxE "## $command" docs/cli.md; then pass; else fail "docs/cli.md has no \"## $command\" section"; fi
  for option in $(COLUMNS=200 "$roo" "$command" --help | grep -oE '^ +--[a-z][a-z-]*' | tr -d ' ' | sort -u); do
    case "$option" in --help | --version) continue ;; esac
    if grep -qF -- "$option" docs/cli.md; then pass; else fail "docs/cli.md does not mention roo $command $option"; fi
  done
done

# The tables --table accepts, from its own error message.
tables=$("$roo" summarize Fixtures/sample-2024.parquet --table '?' 2>&1 | sed -n 's/.*--table must be one of //p' | tr -d ',' | head -1)
[ -n "$tables" ] || fail "could not read the tables --table accepts"
for table in $tables; do
  [ "$table" = all ] && continue
  headings=$(grep -E '^#+ ' docs/semantics.md)
  if grep -qwF -- "$table" <<< "$headings"; then pass; else fail "docs/semantics.md has no heading for table $table"; fi
done

# The README's worked example is what roo prints on a terminal (script(1) gives it one).
example=$(awk '/^\$ roo summarize Fixtures\/sample-2024.parquet$/ { on = 1; next } on && /^```/ { exit } on { print }' README.md)
if ! command -v script >/dev/null 2>&1; then
  echo "check_docs: worked example not compared (no script(1) to give roo a terminal)"
elif [ -z "$example" ]; then
  fail "README.md has no worked example after \"\$ roo summarize Fixtures/sample-2024.parquet\""
else
  actual=$(script -qec "$roo summarize Fixtures/sample-2024.parquet --quiet" /dev/null < /dev/null | tr -d '\r' | sed 's/[[:space:]]*$//')
  if [ "$actual" = "$example" ]; then
    pass
  else
    fail "README.md's worked example differs from roo's terminal view:"
    diff <(echo "$example") <(echo "$actual") | sed 's/^/  /'
  fi
fi

echo "docs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
