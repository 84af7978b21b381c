// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "comptoir-shop-export.h"
#include "shop-sample.h"

/* Writes the sample shop's exported page to the file given, for the
 * browser test: shop-export-sample OUTPUT.html
 * Its data goes to $XDG_DATA_HOME, which the caller points to a
 * temporary folder. */
int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = NULL;
  g_autoptr(ComptoirShop) shop = NULL;
  g_autoptr(ComptoirShop) saved = NULL;
  g_autoptr(GFile) output = NULL;

  setlocale (LC_ALL, "");
  if (g_getenv ("COMPTOIR_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COMPTOIR_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  if (argc != 2)
    {
      fprintf (stderr, "usage: %s OUTPUT.html\n", argv[0]);
      return 2;
    }

  store = comptoir_store_open (NULL, &error);
  shop = comptoir_test_sample_shop ();
  if (store == NULL ||
      !comptoir_test_add_sample_images (store, shop, &error) ||
      !comptoir_shop_save (store, shop, &error) ||
      (saved = comptoir_shop_load (store, &error)) == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  output = g_file_new_for_commandline_arg (argv[1]);
  if (!comptoir_shop_export_html (saved, store, output, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  return 0;
}
