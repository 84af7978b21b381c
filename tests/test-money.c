// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <locale.h>

#include "comptoir-error.h"
#include "comptoir-money.h"
#include "comptoir-test-utils.h"

static void
test_parse_accepts (void)
{
  static const struct { const char *text; gint64 cents; } cases[] = {
    { "12,50", 1250 },
    { "12.5", 1250 },
    { "12,50 €", 1250 },
    { "12,50€", 1250 },
    { "€12.50", 1250 },
    { " 3 ", 300 },
    { "0", 0 },
    { "0,05", 5 },
    { ",5", 50 },
    { "12,", 1200 },
    { "1 234,56", 123456 },
    { "1\u202f234,56\u00a0€", 123456 },
    { "7 EUR", 700 },
    { "+4", 400 },
    { "999999999999,99", G_GINT64_CONSTANT (99999999999999) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cents = -1;

      g_test_message ("parsing “%s”", cases[i].text);
      g_assert_true (comptoir_money_parse (cases[i].text, &cents, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cents, ==, cases[i].cents);
    }
}

static void
test_parse_rejects (void)
{
  static const char *cases[] = {
    "abc", "", "   ", "-3", "-0,50", "−2", "12,505", "1.2.3", "12,5,0", "12 ,50",
    "1e5", "0x10", "12 €€", "9999999999999999999999", "1000000000000", "€", ",", "12abc",
    "1 23 4", "\xff\xfe",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cents = 4242;

      g_test_message ("rejecting “%s”", cases[i]);
      g_assert_false (comptoir_money_parse (cases[i], &cents, &error));
      g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
      g_assert_nonnull (error->message);
      g_assert_cmpstr (error->message, !=, "");
      /* the output is left alone on failure */
      g_assert_cmpint (cents, ==, 4242);
    }
}

static void
test_parse_messages (void)
{
  g_autoptr(GError) negative = NULL;
  g_autoptr(GError) decimals = NULL;
  g_autoptr(GError) overflow = NULL;
  gint64 cents;

  /* Each failure says what is wrong, not only that something is. */
  comptoir_money_parse ("-3", &cents, &negative);
  comptoir_money_parse ("1,234", &cents, &decimals);
  comptoir_money_parse ("99999999999999999999", &cents, &overflow);
  g_assert_nonnull (negative);
  g_assert_nonnull (decimals);
  g_assert_nonnull (overflow);
  g_assert_cmpstr (negative->message, !=, decimals->message);
  g_assert_cmpstr (decimals->message, !=, overflow->message);
}

static void
test_format_fr (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    {
      g_test_fail_printf ("the fr_FR.UTF-8 locale is missing (install locales-all)");
      return;
    }

  a = comptoir_money_format (1250);
  b = comptoir_money_format (5);
  c = comptoir_money_format (123456789);
  d = comptoir_money_format (0);
  g_assert_cmpstr (a, ==, "12,50\u00a0€");
  g_assert_cmpstr (b, ==, "0,05\u00a0€");
  g_assert_cmpstr (c, ==, "1\u202f234\u202f567,89\u00a0€");
  g_assert_cmpstr (d, ==, "0,00\u00a0€");

  /* What is printed in French can be typed back in. */
  {
    gint64 cents = 0;
    g_assert_true (comptoir_money_parse (c, &cents, NULL));
    g_assert_cmpint (cents, ==, 123456789);
  }

  setlocale (LC_ALL, "C");
}

static void
test_format_c (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  setlocale (LC_ALL, "C");
  a = comptoir_money_format (1250);
  b = comptoir_money_format (123456789);
  g_assert_cmpstr (a, ==, "12.50\u00a0€");
  g_assert_cmpstr (b, ==, "1234567.89\u00a0€");
}

int
main (int   argc,
      char *argv[])
{
  comptoir_test_init (&argc, &argv);

  g_test_add_func ("/money/parse/accepts", test_parse_accepts);
  g_test_add_func ("/money/parse/rejects", test_parse_rejects);
  g_test_add_func ("/money/parse/messages", test_parse_messages);
  g_test_add_func ("/money/format/fr_FR", test_format_fr);
  g_test_add_func ("/money/format/C", test_format_c);

  return g_test_run ();
}
