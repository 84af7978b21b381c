// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-gtin"

#include "comptoir-i18n.h"

#include "comptoir-error.h"
#include "comptoir-gtin.h"

/* GS1 check digit: from the right, digits are weighted 3, 1, 3, 1… (the
 * check digit itself excluded); the check digit brings the sum up to the
 * next multiple of ten. */
static int
check_digit (const char *digits,
             gsize       n)
{
  int sum = 0;

  for (gsize i = 0; i < n; i++)
    {
      int weight = (i % 2 == 0) ? 3 : 1;
      sum += (digits[n - 1 - i] - '0') * weight;
    }
  return (10 - sum % 10) % 10;
}

/**
 * comptoir_gtin_check:
 * @text: what the merchant typed or scanned
 * @out_normalized: (out) (optional): the digits alone
 * @error: a #GError
 *
 * Checks a barcode number (GTIN-8, GTIN-12 / UPC, GTIN-13 / EAN, GTIN-14).
 * Spaces and hyphens are ignored. An empty text is accepted: a product
 * need not have a barcode.
 *
 * Returns: %TRUE if @text is empty or a valid GTIN
 */
gboolean
comptoir_gtin_check (const char  *text,
                     char       **out_normalized,
                     GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  int expected;

  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == ' ' || *p == '-' || *p == '\t')
        continue;
      else
        {
          g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                               _("A barcode has only digits. Check what was typed."));
          return FALSE;
        }
    }

  if (digits->len != 0 && digits->len != 8 && digits->len != 12
      && digits->len != 13 && digits->len != 14)
    {
      g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A barcode has 8, 12, 13 or 14 digits; this one has %u.",
                                "A barcode has 8, 12, 13 or 14 digits; this one has %u.",
                                (gulong) digits->len),
                   (guint) digits->len);
      return FALSE;
    }

  if (digits->len != 0)
    {
      expected = check_digit (digits->str, digits->len - 1);
      if (digits->str[digits->len - 1] - '0' != expected)
        {
          g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                       _("This barcode is not valid: its last digit should be %d. "
                         "A digit was probably mistyped."),
                       expected);
          return FALSE;
        }
    }

  if (out_normalized != NULL)
    *out_normalized = g_string_free (g_steal_pointer (&digits), FALSE);
  return TRUE;
}
