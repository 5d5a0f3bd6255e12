#!/bin/sh
# check_ci_recipes.sh SOURCE_DIR WORK_DIR DEB_DIR PYTHON: the CI recipes of docs/ci/ run as
# written (check_ci_recipes.py) on a small Qt application with AUTOMOC, installing the .deb
# that package-deb made: each must find the sample's defect and write reports that code
# scanning, GitLab Code Quality and JUnit readers accept. And the reason for the recipes'
# autogen step: a configure-only build has no moc output, and the scan fails on it.
set -eu
src=$1 work=$2 debs=$3 python=$4
sample="$src/test/package/Inputs/ci-sample"
deb=$(ls "$debs"/pixmapcache-tidy_*_*.deb)
rm -rf "$work" && mkdir -p "$work"

fail() { echo "check_ci_recipes: $*"; exit 1; }

"$python" "$src/test/package/check_ci_recipes.py" github "$src/docs/ci/github-actions.yml" \
  "$sample" "$work/github" "$deb" >"$work/github.log" 2>&1 || { cat "$work/github.log"; exit 1; }
cat "$work/github.log"
grep -q 'step 2: exit 0' "$work/github.log" || fail "GitHub: the install step failed"
grep -q 'step 3: exit 0' "$work/github.log" || fail "GitHub: the configure and autogen step failed"
grep -q 'step 4: exit 1' "$work/github.log" || fail "GitHub: the scan must exit 1 on the sample's finding"
grep -q 'uses github/codeql-action/upload-sarif@v3: not run here' "$work/github.log" ||
  fail "GitHub: no SARIF upload step"
"$python" "$src/test/scan/validate_sarif.py" "$work/github/project/pixmapcache.sarif" >"$work/sarif.txt"
grep -q 'result pixmapcache-off-thread-access renderer.cpp:5:' "$work/sarif.txt" ||
  { cat "$work/sarif.txt"; fail "GitHub: the SARIF lacks the finding"; }

"$python" "$src/test/package/check_ci_recipes.py" gitlab "$src/docs/ci/gitlab-ci.yml" \
  "$sample" "$work/gitlab" "$deb" >"$work/gitlab.log" 2>&1 || { cat "$work/gitlab.log"; exit 1; }
cat "$work/gitlab.log"
grep -q 'script: exit 1' "$work/gitlab.log" || fail "GitLab: the script must end with exit 1 on the finding"
"$python" "$src/test/scan/validate_ci_formats.py" codeclimate \
  "$work/gitlab/project/gl-code-quality-report.json" | grep -q 'issue pixmapcache-off-thread-access renderer.cpp:5 major' ||
  fail "GitLab: the Code Quality report lacks the finding"
"$python" "$src/test/scan/validate_ci_formats.py" junit "$work/gitlab/project/pixmapcache-junit.xml" |
  grep -q 'testcase pixmapcache-off-thread-access renderer.cpp:5:' || fail "GitLab: the JUnit report lacks the finding"

# Without the autogen step: the moc output is missing and the scan says so (exit 1).
project="$work/github/project"
rm -rf "$project/build-configured"
cmake -S "$project" -B "$project/build-configured" -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
if "$work/github/root/usr/bin/pixmapcache-scan" -p "$project/build-configured" >"$work/configured.log" 2>&1; then
  fail "a configure-only build scanned clean: the autogen step would not be needed"
fi
grep -q 'mocs_compilation.cpp' "$work/configured.log" || { cat "$work/configured.log"; fail "no moc error"; }
echo "ci recipes ok"
