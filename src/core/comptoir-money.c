// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-money"

#include "comptoir-i18n.h"

#include <locale.h>
#include <string.h>

#include "comptoir-error.h"
#include "comptoir-money.h"

/* What people type between groups of digits or around the euro sign:
 * plain, no-break and narrow no-break spaces. */
static gboolean
is_space_char (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x202F || c == 0x2009;
}

static const char *
skip_spaces (const char *p)
{
  while (*p != '\0' && is_space_char (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

static gboolean
strip_currency (GString *s)
{
  static const char *symbols[] = { "€", "EUR", "eur", "Eur" };

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      gsize len = strlen (symbols[i]);

      if (s->len >= len && strcmp (s->str + s->len - len, symbols[i]) == 0)
        {
          g_string_truncate (s, s->len - len);
          return TRUE;
        }
      if (s->len >= len && strncmp (s->str, symbols[i], len) == 0)
        {
          g_string_erase (s, 0, len);
          return TRUE;
        }
    }
  return FALSE;
}

static void
trim (GString *s)
{
  const char *start = skip_spaces (s->str);
  g_string_erase (s, 0, start - s->str);

  while (s->len > 0)
    {
      const char *last = g_utf8_find_prev_char (s->str, s->str + s->len);
      if (last == NULL || !is_space_char (g_utf8_get_char (last)))
        break;
      g_string_truncate (s, last - s->str);
    }
}

static gboolean
invalid (GError **error, const char *text)
{
  g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
               _("“%s” is not a price. Type an amount such as 12,50."), text);
  return FALSE;
}

/**
 * comptoir_money_parse:
 * @text: what the merchant typed, e.g. "12,50 €", "12.5" or " 3 "
 * @out_cents: (out): the amount in cents
 * @error: a #GError, %COMPTOIR_ERROR_INVALID_INPUT with a readable message
 *
 * Accepts a comma or a dot as decimal separator, spaces between groups of
 * digits, and a euro sign before or after. Refuses negative amounts, more
 * than two decimals and amounts too large to be a price.
 */
gboolean
comptoir_money_parse (const char  *text,
                      gint64      *out_cents,
                      GError     **error)
{
  g_autoptr(GString) s = NULL;
  g_autofree char *shown = NULL;
  gint64 units = 0;
  gint64 cents = 0;
  int n_decimals = 0;
  gboolean seen_digit = FALSE;
  gboolean seen_separator = FALSE;
  gboolean grouped = FALSE;
  int group_digits = 0;
  const char *p;

  g_return_val_if_fail (out_cents != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return invalid (error, "");

  s = g_string_new (text);
  trim (s);
  shown = g_strdup (s->str);
  if (s->len == 0)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("Type a price, for example 12,50."));
      return FALSE;
    }
  strip_currency (s);
  trim (s);

  if (s->str[0] == '-' || g_str_has_prefix (s->str, "−"))
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("A price cannot be negative."));
      return FALSE;
    }
  if (s->str[0] == '+')
    g_string_erase (s, 0, 1);

  for (p = s->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        {
          int digit = c - '0';

          seen_digit = TRUE;
          if (seen_separator)
            {
              if (++n_decimals > 2)
                {
                  g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                                       _("A price has at most two digits after the comma."));
                  return FALSE;
                }
              cents = cents * 10 + digit;
            }
          else
            {
              group_digits++;
              if (units > (COMPTOIR_MONEY_MAX_CENTS / 100 - digit) / 10)
                {
                  g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                                       _("This amount is too large to be a price."));
                  return FALSE;
                }
              units = units * 10 + digit;
            }
        }
      else if ((c == ',' || c == '.') && !seen_separator && seen_digit)
        {
          if (grouped && group_digits != 3)
            return invalid (error, shown);
          seen_separator = TRUE;
        }
      else if ((c == ',' || c == '.') && !seen_separator && !seen_digit)
        {
          /* ",50" means fifty cents */
          seen_separator = TRUE;
        }
      else if (is_space_char (c) && !seen_separator && seen_digit)
        {
          /* thousands grouping: "1 234,50"; a space must be followed by a digit */
          const char *next = g_utf8_next_char (p);
          if (!g_ascii_isdigit (*next))
            return invalid (error, shown);
          /* groups after the first have three digits */
          if ((grouped && group_digits != 3) || (!grouped && group_digits > 3))
            return invalid (error, shown);
          grouped = TRUE;
          group_digits = 0;
        }
      else
        return invalid (error, shown);
    }

  if (!seen_digit && n_decimals == 0)
    return invalid (error, shown);
  if (grouped && !seen_separator && group_digits != 3)
    return invalid (error, shown);

  if (n_decimals == 1)
    cents *= 10;

  *out_cents = units * 100 + cents;
  return TRUE;
}

/**
 * comptoir_money_format:
 * @cents: an amount in cents
 *
 * Formats following the current locale's monetary conventions: "12,50 €"
 * under fr_FR (with a no-break space before the euro sign so that the
 * amount never wraps), "12.50 €" where the locale says nothing.
 *
 * Returns: (transfer full): the formatted amount
 */
char *
comptoir_money_format (gint64 cents)
{
  struct lconv *lc = localeconv ();
  const char *decimal = (lc->mon_decimal_point && *lc->mon_decimal_point) ? lc->mon_decimal_point : ".";
  const char *grouping_sep = (lc->mon_thousands_sep && *lc->mon_thousands_sep) ? lc->mon_thousands_sep : NULL;
  gboolean symbol_first = lc->p_cs_precedes == 1;
  gboolean negative = cents < 0;
  guint64 magnitude = negative ? (guint64) (-(cents + 1)) + 1 : (guint64) cents;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 100);
  GString *out = g_string_new (NULL);
  gsize n = strlen (digits);

  if (negative)
    g_string_append (out, "−");
  if (symbol_first)
    g_string_append (out, "€");

  for (gsize i = 0; i < n; i++)
    {
      if (grouping_sep != NULL && i > 0 && (n - i) % 3 == 0)
        g_string_append (out, grouping_sep);
      g_string_append_c (out, digits[i]);
    }
  g_string_append_printf (out, "%s%02u", decimal, (guint) (magnitude % 100));

  if (!symbol_first)
    g_string_append (out, "\u00a0€");

  return g_string_free (out, FALSE);
}
