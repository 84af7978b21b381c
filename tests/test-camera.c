// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "comptoir-camera-window.h"
#include "comptoir-media-store.h"
#include "comptoir-photo-strip.h"
#include "comptoir-ui-test-utils.h"

/* The webcam window, fed by GStreamer's videotestsrc instead of a camera:
 * a photo taken goes through the pipeline into the strip. */

static gboolean
is_idle (gpointer strip)
{
  return !comptoir_photo_strip_get_busy (strip);
}

static gboolean
shows_frame (gpointer window)
{
  GtkWidget *picture = comptoir_ui_test_find_widget (window, GTK_TYPE_PICTURE, NULL, COMPTOIR_UI_TEST_MAPPED);

  return picture != NULL && gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL;
}

static gboolean
shows_error (gpointer window)
{
  return comptoir_ui_test_find_widget (window, ADW_TYPE_STATUS_PAGE, NULL, COMPTOIR_UI_TEST_MAPPED) != NULL;
}

static ComptoirCameraWindow *
find_camera_window (void)
{
  return comptoir_ui_test_find_toplevel (COMPTOIR_TYPE_CAMERA_WINDOW, COMPTOIR_UI_TEST_ANY);
}

static GtkWidget *
open_strip (ComptoirStore *store)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *strip = comptoir_photo_strip_new ();

  comptoir_photo_strip_set_store (COMPTOIR_PHOTO_STRIP (strip), store);
  gtk_window_set_child (GTK_WINDOW (window), strip);
  gtk_window_present (GTK_WINDOW (window));
  comptoir_ui_test_wait_for_mapped (strip);
  return strip;
}

static void
test_take_photo (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("camera.db");
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, NULL);
  GtkWidget *strip = open_strip (store);
  ComptoirCameraWindow *camera;
  g_auto(GStrv) hashes = NULL;
  g_autofree char *web = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  const guint8 *p;

  g_setenv ("COMPTOIR_CAMERA_SOURCE", "videotestsrc is-live=true pattern=red", TRUE);
  g_assert_true (gtk_widget_activate_action (strip, "strip.camera", NULL));
  camera = find_camera_window ();
  g_assert_nonnull (camera);
  g_assert_true (comptoir_ui_test_wait_until (shows_frame, camera));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (camera), "camera.take", NULL));
  g_assert_null (find_camera_window ());
  g_assert_true (comptoir_photo_strip_get_busy (COMPTOIR_PHOTO_STRIP (strip)));
  g_assert_true (comptoir_ui_test_wait_until (is_idle, strip));

  hashes = comptoir_photo_strip_get_hashes (COMPTOIR_PHOTO_STRIP (strip));
  g_assert_cmpuint (g_strv_length (hashes), ==, 1);
  web = comptoir_media_get_path (hashes[0], COMPTOIR_MEDIA_WEB);
  {
    g_autofree char *contents = NULL;
    gsize len;
    g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("jpeg", NULL);

    g_assert_true (g_file_get_contents (web, &contents, &len, NULL));
    g_assert_true (gdk_pixbuf_loader_write (loader, (const guint8 *) contents, len, NULL));
    g_assert_true (gdk_pixbuf_loader_close (loader, NULL));
    pixbuf = g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
  }
  /* videotestsrc's default size, and its red. */
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 320);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 240);
  p = gdk_pixbuf_read_pixels (pixbuf) + 120 * gdk_pixbuf_get_rowstride (pixbuf) + 160 * 3;
  g_assert_cmpint (p[0], >, 200);
  g_assert_cmpint (p[1], <, 60);
  g_assert_cmpint (p[2], <, 60);

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (strip)));
}

static void
test_no_camera (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("no-camera.db");
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, NULL);
  GtkWidget *strip = open_strip (store);
  ComptoirCameraWindow *camera;
  GtkWidget *status;

  /* An element that does not exist stands for a computer without camera. */
  g_setenv ("COMPTOIR_CAMERA_SOURCE", "comptoirnosuchsrc", TRUE);
  g_assert_true (gtk_widget_activate_action (strip, "strip.camera", NULL));
  camera = find_camera_window ();
  g_assert_nonnull (camera);
  g_assert_true (comptoir_ui_test_wait_until (shows_error, camera));
  status = comptoir_ui_test_find_widget (GTK_WIDGET (camera), ADW_TYPE_STATUS_PAGE, NULL, COMPTOIR_UI_TEST_MAPPED);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "La caméra ne peut pas être utilisée");
  /* Nothing to take. */
  gtk_widget_activate_action (GTK_WIDGET (camera), "camera.take", NULL);
  g_assert_nonnull (find_camera_window ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (camera), "camera.cancel", NULL));
  g_assert_null (find_camera_window ());
  g_assert_false (comptoir_photo_strip_get_busy (COMPTOIR_PHOTO_STRIP (strip)));

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (strip)));
}

int
main (int   argc,
      char *argv[])
{
  comptoir_ui_test_init (&argc, &argv);

  g_test_add_func ("/camera/take-photo", test_take_photo);
  g_test_add_func ("/camera/no-camera", test_no_camera);

  return g_test_run ();
}
