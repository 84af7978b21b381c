// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "comptoir-application.h"
#include "comptoir-media-store.h"
#include "comptoir-photo-pipeline.h"
#include "comptoir-product-store.h"
#include "comptoir-products-page.h"
#include "comptoir-store-private.h"
#include "comptoir-window.h"

/* bench/products: the Products section of the real window over 0 (the
 * baseline, measured in the same run), 10,000 and 100,000 products.
 * Each size runs in a fresh process of its own (this program, re-run with
 * --run N) so that peak memory is that of one window:
 *  - time from activation to the first rows painted;
 *  - scroll to the end, a step per painted frame, measuring the longest
 *    main-loop stall (gaps between the ticks of a 1 ms timer) and the
 *    longest step (from moving the scrollbar to the frame painted);
 *  - peak RSS (VmHWM) after scrolling to the end, reset after filling the
 *    store so that it is the window's alone.
 * Targets: peak ≤ 150 MB at 10,000; no stall over 50 ms. */

#define N_PHOTOS 24

static gint64 last_tick;
static gint64 max_stall;
static guint  n_frames;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gsize
status_kib (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, key);
  return line ? (gsize) g_ascii_strtoull (line + strlen (key), NULL, 10) : 0;
}

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0 && now - last_tick > max_stall)
    {
      max_stall = now - last_tick;
      if (g_getenv ("COMPTOIR_BENCH_DEBUG"))
        g_printerr ("  stall %.1f ms at frame %u\n", max_stall / 1000.0, n_frames);
    }
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  n_frames++;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
wait_frames (guint n)
{
  guint target = n_frames + n;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (n_frames < target && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static void
fill (guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (NULL, &error);
  g_autofree char *dir = NULL;
  char *hashes[N_PHOTOS + 1] = { NULL };
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  if (n == 0)
    return;
  dir = g_dir_make_tmp ("comptoir-bench-photos-XXXXXX", NULL);

  /* a few photos, shared round-robin: the list shows and decodes thumbnails */
  for (guint i = 0; i < N_PHOTOS; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%u.png", dir, i);
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 800, 600);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      gdk_pixbuf_fill (pixbuf, 0x10203000u + i * 0x0a0703ffu);
      g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL));
      hashes[i] = comptoir_photo_import_sync (store, file, NULL, NULL, &error);
      g_assert_no_error (error);
      g_unlink (path);
    }
  g_rmdir (dir);

  g_assert_true (comptoir_store_exec (store, "BEGIN", &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ComptoirProduct) product = comptoir_product_new ();
      g_autofree char *name = g_strdup_printf ("Produit du terroir n°%06u", i);
      g_autofree char *sku = g_strdup_printf ("REF-%06u", i);
      const char *photo[] = { hashes[i % N_PHOTOS], NULL };

      comptoir_product_set_name (product, name);
      comptoir_product_set_sku (product, sku);
      comptoir_product_set_price_cents (product, 100 + (i * 37) % 5000);
      comptoir_product_set_stock_tracked (product, i % 3 != 0);
      comptoir_product_set_stock (product, i % 40);
      comptoir_product_set_category (product, i % 2 ? "Épicerie" : "Boulangerie");
      g_assert_true (comptoir_product_write (store, product, &error));
      g_assert_true (comptoir_product_photos_write (store, comptoir_product_get_id (product), photo, &error));
    }
  g_assert_true (comptoir_store_exec (store, "COMMIT", &error));
  g_printerr ("  filled %u products in %.1f s\n", n, (g_get_monotonic_time () - start) / 1e6);
  for (guint i = 0; i < N_PHOTOS; i++)
    g_free (hashes[i]);
}

static int
run (guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirApplication) app = NULL;
  g_autofree char *data = g_dir_make_tmp ("comptoir-bench-products-XXXXXX", NULL);
  GtkWidget *window;
  GtkWidget *list;
  GtkWidget *page;
  GtkAdjustment *adjustment;
  gint64 start, first_rows, scroll_start;
  double scroll_s;
  guint steps = 0;
  gint64 step_start, max_step = 0;
  gsize hwm_start;
  FILE *clear_refs;

  g_setenv ("XDG_DATA_HOME", data, TRUE);
  fill (n);

  gtk_init ();
  adw_init ();

  /* peak memory from here on: the window's, not the filling's */
  clear_refs = fopen ("/proc/self/clear_refs", "w");
  if (clear_refs != NULL)
    {
      fputs ("5", clear_refs);
      fclose (clear_refs);
    }
  hwm_start = status_kib ("VmHWM:");

  app = comptoir_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));

  start = g_get_monotonic_time ();
  g_application_activate (G_APPLICATION (app));
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  comptoir_window_show_section (COMPTOIR_WINDOW (window), "products");

  /* first rows: the first frame painted with the list's rows mapped */
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), NULL);
  for (;;)
    {
      guint frames = n_frames;

      g_main_context_iteration (NULL, TRUE);
      if (n_frames == frames)
        continue;
      page = find_widget (window, COMPTOIR_TYPE_PRODUCTS_PAGE);
      list = page ? find_widget (page, n > 0 ? GTK_TYPE_LIST_VIEW : ADW_TYPE_STATUS_PAGE) : NULL;
      if (list != NULL && (n == 0 || gtk_widget_get_first_child (list) != NULL))
        break;
    }
  first_rows = g_get_monotonic_time () - start;

  /* scroll to the end, one step per frame; at most ~600 steps */
  g_timeout_add (1, tick_cb, NULL);
  last_tick = 0;
  max_stall = 0;
  scroll_start = g_get_monotonic_time ();
  if (n > 0)
    {
      GtkWidget *scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
      double step;

      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      wait_frames (2);
      if (g_getenv ("COMPTOIR_BENCH_DEBUG"))
        g_printerr ("  list of %u items in %s: upper %.0f, page %.0f\n", g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)))),
                    G_OBJECT_TYPE_NAME (gtk_widget_get_parent (gtk_widget_get_ancestor (list, GTK_TYPE_STACK))),
                    gtk_adjustment_get_upper (adjustment), gtk_adjustment_get_page_size (adjustment));
      for (;;)
        {
          double upper = gtk_adjustment_get_upper (adjustment);
          double page = gtk_adjustment_get_page_size (adjustment);
          double value = gtk_adjustment_get_value (adjustment);

          if (value >= upper - page - 1)
            {
              if (g_getenv ("COMPTOIR_BENCH_DEBUG"))
                g_printerr ("  end at %.0f of %.0f after %u steps\n", value, upper, steps);
              break;
            }
          step = MAX (page, upper / 600);
          step_start = g_get_monotonic_time ();
          gtk_adjustment_set_value (adjustment, MIN (value + step, upper - page));
          wait_frames (1);
          max_step = MAX (max_step, g_get_monotonic_time () - step_start);
          steps++;
        }
    }
  /* let thumbnails and the last pages arrive */
  {
    gint64 until = g_get_monotonic_time () + 300 * 1000;
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  scroll_s = (g_get_monotonic_time () - scroll_start) / 1e6;

  /* N first_rows_ms scroll_s steps stall_ms frame_gap_ms hwm_kib hwm_start_kib */
  g_print ("%u %.1f %.2f %u %.1f %.1f %zu %zu\n", n, first_rows / 1000.0, scroll_s, steps,
           max_stall / 1000.0, max_step / 1000.0, status_kib ("VmHWM:"), hwm_start);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_clear_object (&app);
  remove_tree (data);
  return 0;
}

typedef struct
{
  guint  n;
  double first_rows_ms;
  double scroll_s;
  guint  steps;
  double stall_ms;
  double step_ms;
  gsize  hwm_kib;
} Result;

static gboolean
measure (const char *self,
         guint       n,
         Result     *result)
{
  g_autofree char *arg = g_strdup_printf ("%u", n);
  const char *argv[] = { self, "--run", arg, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  gsize start_kib;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     &out, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("run with %u products failed: %s\n", n, error->message);
      return FALSE;
    }
  if (sscanf (out, "%u %lf %lf %u %lf %lf %zu %zu", &result->n, &result->first_rows_ms, &result->scroll_s,
              &result->steps, &result->stall_ms, &result->step_ms, &result->hwm_kib, &start_kib) != 8)
    {
      g_printerr ("run with %u products printed: %s\n", n, out);
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  guint sizes[8] = { 0, 10000, 100000 };
  guint n_sizes = 3;
  Result results[8];
  g_autofree char *self = NULL;

  setlocale (LC_ALL, "");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GIO_USE_NETWORK_MONITOR", "base", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GSK_RENDERER", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "cairo", TRUE);

  if (argc == 3 && g_str_equal (argv[1], "--run"))
    return run ((guint) g_ascii_strtoull (argv[2], NULL, 10));

  /* bench-products [N…]: other sizes than 10,000 and 100,000 */
  if (argc > 1)
    for (n_sizes = 1; n_sizes < (guint) argc && n_sizes < G_N_ELEMENTS (sizes); n_sizes++)
      sizes[n_sizes] = (guint) g_ascii_strtoull (argv[n_sizes], NULL, 10);

  self = g_file_read_link ("/proc/self/exe", NULL);
  for (guint i = 0; i < n_sizes; i++)
    if (!measure (self, sizes[i], &results[i]))
      return 1;

  g_print ("Products section, real window (baseline: the same window with no products)\n");
  g_print ("%9s %14s %10s %10s %12s %12s %14s\n", "products", "first rows ms", "ratio", "scroll s",
           "stall ms", "step ms", "peak RSS MiB");
  for (guint i = 0; i < n_sizes; i++)
    g_print ("%9u %14.1f %9.2fx %10.2f %12.1f %12.1f %9.1f (%.2fx)\n",
             results[i].n, results[i].first_rows_ms, results[i].first_rows_ms / results[0].first_rows_ms,
             results[i].scroll_s, results[i].stall_ms, results[i].step_ms,
             results[i].hwm_kib / 1024.0, (double) results[i].hwm_kib / results[0].hwm_kib);
  for (guint i = 1; i < n_sizes; i++)
    g_print ("%u products: peak RSS %s 150 MiB, longest stall %s 50 ms\n", results[i].n,
             results[i].hwm_kib <= 150 * 1024 ? "≤" : ">", results[i].stall_ms <= 50 ? "≤" : ">");
  return 0;
}
