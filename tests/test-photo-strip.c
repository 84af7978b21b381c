// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <string.h>

#include "comptoir-media-store.h"
#include "comptoir-photo-editor.h"
#include "comptoir-photo-pipeline.h"
#include "comptoir-photo-strip.h"
#include "comptoir-ui-test-utils.h"

/* The photo strip and editor in a real window, in French: add two photos
 * the way the file chooser does, reorder, choose the cover, remove and
 * undo, paste an image, then rotate and crop one in the editor. */

static gboolean
is_idle (gpointer strip)
{
  return !comptoir_photo_strip_get_busy (strip);
}

/* Left half red, right half green: after a quarter turn clockwise, red
 * is on top. */
static GFile *
write_photo (const char *name,
             int         width,
             int         height,
             guint32     left,
             guint32     right)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GdkPixbuf) half = NULL;
  g_autofree char *path = comptoir_test_tmp_path (name);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, left);
  half = gdk_pixbuf_new_subpixbuf (pixbuf, width / 2, 0, width - width / 2, height);
  gdk_pixbuf_fill (half, right);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "95", NULL));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GdkPixbuf *
load_web (const char *hash)
{
  g_autofree char *path = comptoir_media_get_path (hash, COMPTOIR_MEDIA_WEB);
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("jpeg", NULL);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (gdk_pixbuf_loader_write (loader, (const guint8 *) contents, len, NULL));
  g_assert_true (gdk_pixbuf_loader_close (loader, NULL));
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static void
assert_colour (GdkPixbuf *pixbuf,
               int        x,
               int        y,
               guint8     r,
               guint8     g,
               guint8     b)
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf)
                    + x * gdk_pixbuf_get_n_channels (pixbuf);

  if (ABS (p[0] - r) > 50 || ABS (p[1] - g) > 50 || ABS (p[2] - b) > 50)
    g_error ("pixel (%d, %d) is %02x%02x%02x, expected %02x%02x%02x", x, y, p[0], p[1], p[2], r, g, b);
}

static void
changed_cb (ComptoirPhotoStrip *strip,
            guint              *count)
{
  (*count)++;
}

static void
assert_hashes (ComptoirPhotoStrip *strip,
               const char         *first,
               const char         *second)
{
  g_auto(GStrv) hashes = comptoir_photo_strip_get_hashes (strip);

  g_assert_cmpuint (g_strv_length (hashes), ==, second ? 2 : 1);
  g_assert_cmpstr (hashes[0], ==, first);
  if (second != NULL)
    g_assert_cmpstr (hashes[1], ==, second);
}

static ComptoirPhotoEditor *
find_editor (void)
{
  return comptoir_ui_test_find_toplevel (COMPTOIR_TYPE_PHOTO_EDITOR, COMPTOIR_UI_TEST_ANY);
}

static gboolean
editor_ready (gpointer editor)
{
  /* The result's size shows once the photo is loaded. */
  return comptoir_ui_test_find_label_containing (editor, "×", COMPTOIR_UI_TEST_CHILD_VISIBLE) != NULL;
}

typedef struct
{
  ComptoirPhotoStrip *strip;
  const char         *old_first;
} EditWait;

static gboolean
first_replaced (gpointer data)
{
  EditWait *wait = data;
  g_auto(GStrv) hashes = comptoir_photo_strip_get_hashes (wait->strip);

  return hashes[0] != NULL && g_strcmp0 (hashes[0], wait->old_first) != 0;
}

static void
test_strip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (NULL, &error);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *widget = comptoir_photo_strip_new ();
  ComptoirPhotoStrip *strip = COMPTOIR_PHOTO_STRIP (widget);
  g_autoptr(GFile) red_green = write_photo ("etal.jpg", 300, 200, 0xff0000ff, 0x00ff00ff);
  g_autoptr(GFile) blue = write_photo ("vitrine.jpg", 200, 200, 0x0000ffff, 0x0000ffff);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_auto(GStrv) hashes = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  guint changes = 0;

  g_assert_no_error (error);
  comptoir_photo_strip_set_store (strip, store);
  g_signal_connect (strip, "changed", G_CALLBACK (changed_cb), &changes);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 260);
  gtk_window_present (GTK_WINDOW (window));
  comptoir_ui_test_wait_for_mapped (widget);

  /* Two photos, as the file chooser hands them over. */
  g_list_store_append (files, red_green);
  g_list_store_append (files, blue);
  comptoir_photo_strip_add_files (strip, G_LIST_MODEL (files));
  g_assert_true (comptoir_photo_strip_get_busy (strip));
  g_assert_nonnull (comptoir_ui_test_find_widget (widget, GTK_TYPE_SPINNER, NULL,
                                                  COMPTOIR_UI_TEST_VISIBLE)); /* placeholders while importing */
  g_assert_true (comptoir_ui_test_wait_until (is_idle, strip));
  g_assert_null (comptoir_ui_test_find_widget (widget, GTK_TYPE_SPINNER, NULL, COMPTOIR_UI_TEST_VISIBLE));

  hashes = comptoir_photo_strip_get_hashes (strip);
  g_assert_cmpuint (g_strv_length (hashes), ==, 2);
  a = g_strdup (hashes[0]);
  b = g_strdup (hashes[1]);
  g_assert_cmpuint (changes, ==, 2);
  /* In the order chosen, the first one marked as the cover. */
  g_assert_nonnull (comptoir_ui_test_find_label_containing (widget, "Couverture", COMPTOIR_UI_TEST_CHILD_VISIBLE));
  comptoir_ui_test_spin (300);
  comptoir_ui_test_save_screenshot (window, "photo-strip");

  /* Reorder, then choose the cover. */
  g_assert_true (gtk_widget_activate_action (widget, "strip.move-right", "s", a));
  assert_hashes (strip, b, a);
  g_assert_true (gtk_widget_activate_action (widget, "strip.cover", "s", a));
  assert_hashes (strip, a, b);
  comptoir_photo_strip_move (strip, 1, 0);
  assert_hashes (strip, b, a);
  comptoir_photo_strip_move (strip, 1, 0);
  assert_hashes (strip, a, b);

  /* Remove, and undo. */
  g_assert_true (gtk_widget_activate_action (widget, "strip.remove", "s", a));
  assert_hashes (strip, b, NULL);
  g_assert_true (gtk_widget_activate_action (widget, "strip.undo-remove", NULL));
  assert_hashes (strip, a, b);

  /* A file that is not a photo is named, with the reason, in French. */
  {
    g_autofree char *path = comptoir_test_tmp_path ("notes.jpg");
    g_autoptr(GFile) notes = NULL;
    g_autoptr(GListStore) bad = g_list_store_new (G_TYPE_FILE);
    GtkWidget *label;

    g_assert_true (g_file_set_contents (path, "Liste des prix", -1, NULL));
    notes = g_file_new_for_path (path);
    g_list_store_append (bad, notes);
    comptoir_photo_strip_add_files (strip, G_LIST_MODEL (bad));
    g_assert_true (comptoir_ui_test_wait_until (is_idle, strip));
    label = comptoir_ui_test_find_label_containing (widget, "«\u00a0notes.jpg\u00a0» n’a pas été ajouté",
                                                    COMPTOIR_UI_TEST_CHILD_VISIBLE);
    g_assert_nonnull (label);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "n’est pas une photo"));
    assert_hashes (strip, a, b);
  }

  /* Paste an image. */
  {
    g_autoptr(GdkPixbuf) yellow = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
    g_autoptr(GdkTexture) texture = NULL;
    g_auto(GStrv) after = NULL;

    gdk_pixbuf_fill (yellow, 0xffff00ff);
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    texture = gdk_texture_new_for_pixbuf (yellow);
    G_GNUC_END_IGNORE_DEPRECATIONS
    gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
    g_assert_true (gtk_widget_activate_action (widget, "strip.paste", NULL));
    comptoir_ui_test_spin (200);
    g_assert_true (comptoir_ui_test_wait_until (is_idle, strip));
    after = comptoir_photo_strip_get_hashes (strip);
    g_assert_cmpuint (g_strv_length (after), ==, 3);
    g_assert_cmpstr (after[0], ==, a);
    g_assert_true (gtk_widget_activate_action (widget, "strip.remove", "s", after[2]));
    assert_hashes (strip, a, b);
  }

  /* The editor: a quarter turn right, a square, keep. */
  {
    ComptoirPhotoEditor *editor;
    EditWait wait = { strip, a };
    g_auto(GStrv) edited = NULL;
    g_autoptr(GdkPixbuf) result = NULL;

    g_assert_true (gtk_widget_activate_action (widget, "strip.edit", "s", a));
    editor = find_editor ();
    g_assert_nonnull (editor);
    g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
    comptoir_ui_test_wait_for_mapped (GTK_WIDGET (editor));
    g_assert_true (comptoir_ui_test_wait_until (editor_ready, editor));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.rotate-right", NULL));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.crop-mode", "s", "square"));
    /* The result is shown before it is kept: 200 × 200 after the turn. */
    g_assert_nonnull (comptoir_ui_test_find_label_containing (GTK_WIDGET (editor), "200 × 200",
                                                              COMPTOIR_UI_TEST_CHILD_VISIBLE));
    comptoir_ui_test_spin (300);
    comptoir_ui_test_save_screenshot (GTK_WIDGET (editor), "photo-editor");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.keep", NULL));
    g_assert_true (comptoir_ui_test_wait_until (first_replaced, &wait));
    g_assert_null (find_editor ());

    edited = comptoir_photo_strip_get_hashes (strip);
    g_assert_cmpuint (g_strv_length (edited), ==, 2);
    g_assert_cmpstr (edited[1], ==, b);
    result = load_web (edited[0]);
    g_assert_cmpint (gdk_pixbuf_get_width (result), ==, 200);
    g_assert_cmpint (gdk_pixbuf_get_height (result), ==, 200);
    /* Turned clockwise: the red left half is now on top. */
    assert_colour (result, 100, 20, 0xff, 0, 0);
    assert_colour (result, 100, 180, 0, 0xff, 0);
  }

  /* Cancel keeps the original. */
  {
    ComptoirPhotoEditor *editor;
    g_auto(GStrv) before = comptoir_photo_strip_get_hashes (strip);
    g_auto(GStrv) after = NULL;

    g_assert_true (gtk_widget_activate_action (widget, "strip.edit", "s", b));
    editor = find_editor ();
    g_assert_true (comptoir_ui_test_wait_until (editor_ready, editor));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.rotate-left", NULL));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL));
    comptoir_ui_test_spin (100);
    g_assert_null (find_editor ());
    after = comptoir_photo_strip_get_hashes (strip);
    g_assert_cmpstrv (before, after);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  comptoir_ui_test_spin (100);
}

int
main (int   argc,
      char *argv[])
{
  comptoir_ui_test_init (&argc, &argv);

  g_test_add_func ("/photo-strip/add-reorder-remove-edit", test_strip);

  return g_test_run ();
}
