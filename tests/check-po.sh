#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that the French translation covers every string of the sources:
#  - every file under src/ and data/ui/ with a translatable string is listed
#    in po/POTFILES.in;
#  - the strings extracted from po/POTFILES.in, merged into a copy of
#    po/fr.po, leave no entry untranslated or fuzzy;
#  - msgfmt --check accepts the merged catalogue (format directives match);
#  - no msgid ends in a lone "%", the mark of a format macro such as
#    G_GINT64_FORMAT pasted into a string, which xgettext cannot extract.
#
# Usage: check-po.sh SOURCE_ROOT [XGETTEXT MSGMERGE MSGFMT]

set -u

srcdir=${1:?usage: check-po.sh SOURCE_ROOT [XGETTEXT MSGMERGE MSGFMT]}
xgettext=${2:-xgettext}
msgmerge=${3:-msgmerge}
msgfmt=${4:-msgfmt}
lang=fr

cd "$srcdir" || exit 1

tmpdir=$(mktemp -d) || exit 1
trap 'rm -rf "$tmpdir"' EXIT
status=0

# 1. Files with translatable strings that POTFILES.in forgets.
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' po/POTFILES.in | sort -u > "$tmpdir/listed"
grep -rlE --include='*.c' --include='*.h' --include='*.ui' \
     '_\("|translatable="yes"|g_dngettext|g_dpgettext2' src data/ui 2>/dev/null \
  | sort -u > "$tmpdir/needed"
missing=$(comm -13 "$tmpdir/listed" "$tmpdir/needed")
if [ -n "$missing" ]; then
  echo "These files have translatable strings but are missing from po/POTFILES.in:"
  echo "$missing" | sed 's/^/  /'
  status=1
fi

# 2. Extract with the keywords of meson's glib preset.
if ! "$xgettext" --files-from=po/POTFILES.in --directory=. \
       --output="$tmpdir/comptoir.pot" --from-code=UTF-8 --add-comments \
       --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
       --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3; then
  echo "xgettext failed on the files of po/POTFILES.in"
  exit 1
fi

# 3. Merge into a copy of the translation, as a translator would see it.
cp "po/$lang.po" "$tmpdir/$lang.po"
if ! "$msgmerge" --quiet --update --backup=off "$tmpdir/$lang.po" "$tmpdir/comptoir.pot"; then
  echo "msgmerge failed on po/$lang.po"
  exit 1
fi

if ! "$msgfmt" --check --output-file=/dev/null "$tmpdir/$lang.po"; then
  echo "msgfmt --check rejects po/$lang.po merged with the current strings"
  status=1
fi

# 4. List untranslated and fuzzy entries (an entry is untranslated when
#    any of its msgstr, including each plural form, is empty) and msgids
#    that end in a lone "%".
awk -v lang="$lang" '
function unquote(line) {
  sub(/^[^"]*"/, "", line)
  sub(/"[[:space:]]*$/, "", line)
  return line
}
function end_msgstr() {
  if (state == "str" && str == "")
    empty = 1
}
function flush() {
  end_msgstr()
  if (seen_id && !obsolete && (id != "" || ctxt != "")) {
    label = (ctxt != "" ? "[" ctxt "] " : "") "\"" id "\""
    where = (ref != "" ? "  (" ref ")" : "")
    if (id ~ /(^|[^%])(%%)*%$/) {
      printf "  msgid ends in a lone %%, a format macro was pasted into it: %s%s\n", label, where
      bad++
    }
    if (fuzzy) {
      printf "  fuzzy in %s.po: %s%s\n", lang, label, where
      bad++
    } else if (empty) {
      printf "  untranslated in %s.po: %s%s\n", lang, label, where
      bad++
    }
  }
  seen_id = 0; obsolete = 0; fuzzy = 0; empty = 0
  id = ""; ctxt = ""; str = ""; ref = ""; state = ""
}
/^[[:space:]]*$/      { flush(); next }
/^#~/                 { obsolete = 1; next }
/^#,/                 { if ($0 ~ /fuzzy/) fuzzy = 1; next }
/^#:/                 { if (ref == "") ref = substr($0, 4); next }
/^#/                  { next }
/^msgctxt "/          { state = "ctxt"; ctxt = unquote($0); next }
/^msgid "/            { state = "id"; seen_id = 1; id = unquote($0); next }
/^msgid_plural "/     { state = "plural"; next }
/^msgstr(\[[0-9]+\])? "/ { end_msgstr(); state = "str"; str = unquote($0); next }
/^"/ {
  if (state == "ctxt") ctxt = ctxt unquote($0)
  else if (state == "id") id = id unquote($0)
  else if (state == "str") str = str unquote($0)
  next
}
END {
  flush()
  if (bad > 0) {
    printf "%d string(s) need work in po/%s.po\n", bad, lang
    exit 1
  }
}
' "$tmpdir/$lang.po" > "$tmpdir/report"
awk_status=$?
if [ $awk_status -ne 0 ]; then
  echo "po/$lang.po is not complete for the current sources:"
  cat "$tmpdir/report"
  status=1
fi

total=$(grep -c '^msgid ' "$tmpdir/comptoir.pot")
if [ $status -eq 0 ]; then
  echo "po/$lang.po translates all $((total - 1)) strings of the sources"
fi
exit $status
