// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "comptoir-test-utils.h"

static char *tmpdir;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
cleanup_tmpdir (void)
{
  if (tmpdir != NULL && g_getenv ("COMPTOIR_TEST_KEEP") == NULL)
    remove_tree (tmpdir);
}

/**
 * comptoir_test_init:
 *
 * Every test runs in fresh, private directories: the user's data, config
 * and cache go to a temporary folder removed at exit.
 */
void
comptoir_test_init (int    *argc,
                    char ***argv)
{
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  g_autofree char *cache = NULL;

  setlocale (LC_ALL, "");
  tmpdir = g_dir_make_tmp ("comptoir-test-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  data = g_build_filename (tmpdir, "data", NULL);
  config = g_build_filename (tmpdir, "config", NULL);
  cache = g_build_filename (tmpdir, "cache", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  atexit (cleanup_tmpdir);

  /* Not G_TEST_OPTION_ISOLATE_DIRS: the folders above already are private,
   * and GLib 2.74 leaks the strings of that option. */
  g_test_init (argc, argv, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

const char *
comptoir_test_get_tmpdir (void)
{
  return tmpdir;
}

char *
comptoir_test_tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}
