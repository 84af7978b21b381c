// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-text"

#include "config.h"

#include "comptoir-store-private.h"
#include "comptoir-text.h"

/**
 * comptoir_text_fold:
 * @text: (nullable): UTF-8 text
 *
 * Folds @text for searching and sorting the way a French reader expects:
 * without case and accents ("Œuf frais" and "oeuf FRAIS" fold alike), and
 * with runs of white space made one space.
 *
 * Returns: (transfer full): the folded text
 */
char *
comptoir_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  out = g_string_sized_new (strlen (decomposed));

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;

      c = g_unichar_tolower (c);
      if (c == 0x0153) /* œ */
        g_string_append (out, "oe");
      else if (c == 0x00e6) /* æ */
        g_string_append (out, "ae");
      else if (c == 0x00df) /* ß */
        g_string_append (out, "ss");
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* comptoir_fold(text) in SQL: the same folding, for triggers and indexes. */
void
comptoir_sql_fold (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  char *folded;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  folded = comptoir_text_fold ((const char *) sqlite3_value_text (argv[0]));
  sqlite3_result_text (context, folded, -1, g_free);
}
