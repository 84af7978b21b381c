// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "comptoir-photo-pipeline.h"

/* Imports a set of 12-megapixel JPEGs (web image + thumbnail) and compares
 * with libjpeg-turbo's own tools doing the same resizes on the same files:
 *   djpeg -scale 1/2 FILE | cjpeg -quality 85   (web image)
 *   djpeg -scale 1/8 FILE | cjpeg -quality 85   (thumbnail)
 * Target (DESIGN.md): at most 1.5 times the baseline. */

#define N_PHOTOS 6
#define N_RUNS   5
#define WIDTH    4000
#define HEIGHT   3000

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

/* Smooth gradients, a few shapes and sensor-like noise: a JPEG of a few
 * megabytes, as a phone writes. */
static void
write_photo (const char *path,
             guint       seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, WIDTH, HEIGHT);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  guint32 state = seed * 2654435761u + 1;

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        guint8 *p = pixels + y * rowstride + 3 * x;
        int dx = x - WIDTH / 2 - (int) seed * 100, dy = y - HEIGHT / 2;
        gboolean disc = dx * dx + dy * dy < 900 * 900;
        int noise;

        state = state * 1664525u + 1013904223u;
        noise = (int) (state >> 27) - 16;
        p[0] = CLAMP ((disc ? 220 : x * 255 / WIDTH) + noise, 0, 255);
        p[1] = CLAMP ((disc ? 140 : y * 255 / HEIGHT) + noise, 0, 255);
        p[2] = CLAMP (((x + y + (int) seed * 500) % 1024) / 4 + noise, 0, 255);
      }

  if (!gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "92", NULL))
    g_error ("Cannot write %s: %s", path, error->message);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
run_baseline (char **photos,
              const char *out_dir)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < N_PHOTOS; i++)
    {
      g_autofree char *quoted = g_shell_quote (photos[i]);
      g_autofree char *web = g_strdup_printf ("%s/web-%u.jpg", out_dir, i);
      g_autofree char *thumb = g_strdup_printf ("%s/thumb-%u.jpg", out_dir, i);
      g_autofree char *qweb = g_shell_quote (web);
      g_autofree char *qthumb = g_shell_quote (thumb);
      g_autofree char *script = g_strdup_printf ("djpeg -scale 1/2 %s | cjpeg -quality 85 > %s && "
                                                 "djpeg -scale 1/8 %s | cjpeg -quality 85 > %s",
                                                 quoted, qweb, quoted, qthumb);
      char *argv[] = { (char *) "/bin/sh", (char *) "-c", script, NULL };
      g_autoptr(GError) error = NULL;
      int status;

      if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        g_error ("djpeg | cjpeg failed (is libjpeg-turbo-progs installed?): %s", error->message);
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
run_import (ComptoirStore *store,
            char         **photos)
{
  g_autofree char *media = comptoir_media_get_dir ();
  gint64 start;

  /* A fresh media folder each run, so nothing is skipped as a duplicate
   * file (the row still is, which costs nothing measurable). */
  remove_tree (media);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_PHOTOS; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (photos[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *hash = comptoir_photo_import_sync (store, file, NULL, NULL, &error);

      if (hash == NULL)
        g_error ("Import failed: %s", error->message);
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = g_dir_make_tmp ("comptoir-bench-photos-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (tmp, "data", NULL);
  g_autofree char *out = g_build_filename (tmp, "baseline", NULL);
  g_autoptr(ComptoirStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *photos[N_PHOTOS];
  double ours[N_RUNS], theirs[N_RUNS];
  double m_ours, m_theirs;
  gint64 bytes = 0;

  setlocale (LC_ALL, "");
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_mkdir_with_parents (out, 0700);

  for (guint i = 0; i < N_PHOTOS; i++)
    {
      GStatBuf buf;

      photos[i] = g_strdup_printf ("%s/photo-%u.jpg", tmp, i);
      write_photo (photos[i], i);
      if (g_stat (photos[i], &buf) == 0)
        bytes += buf.st_size;
    }
  printf ("photos: %d JPEGs of %d × %d (12 MP), %.1f MB on average\n",
          N_PHOTOS, WIDTH, HEIGHT, bytes / (double) N_PHOTOS / 1e6);

  store = comptoir_store_open (NULL, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  /* Warm the page cache and the code once for both. */
  run_baseline (photos, out);
  run_import (store, photos);

  for (guint r = 0; r < N_RUNS; r++)
    {
      /* Interleaved, so that machine noise hits both alike. */
      theirs[r] = run_baseline (photos, out);
      ours[r] = run_import (store, photos);
      printf ("  run %u: comptoir %.3f s, djpeg+cjpeg %.3f s\n", r + 1, ours[r], theirs[r]);
    }

  m_ours = median (ours, N_RUNS);
  m_theirs = median (theirs, N_RUNS);
  printf ("photos: comptoir import (web 2048 px + thumbnail 320 px): median %.1f ms per photo\n",
          m_ours / N_PHOTOS * 1000);
  printf ("photos: baseline djpeg -scale 1/2|cjpeg + djpeg -scale 1/8|cjpeg: median %.1f ms per photo\n",
          m_theirs / N_PHOTOS * 1000);
  printf ("photos: ratio %.2f (target <= 1.5) %s\n", m_ours / m_theirs,
          m_ours / m_theirs <= 1.5 ? "OK" : "OVER TARGET");

  g_clear_object (&store);
  for (guint i = 0; i < N_PHOTOS; i++)
    g_free (photos[i]);
  remove_tree (tmp);
  return 0;
}
