// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "comptoir-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ComptoirApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* Running from the build tree (build-aux/demo, tests) finds the
   * translations there. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COMPTOIR_LOCALEDIR") ? g_getenv ("COMPTOIR_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = comptoir_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
