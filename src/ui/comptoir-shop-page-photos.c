// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-shop-page"

#include "config.h"

#include <glib/gi18n.h>

#include "comptoir-media-texture.h"
#include "comptoir-photo-pipeline.h"
#include "comptoir-shop-page-private.h"

/* The logo and the cover photo of My shop, through the photo pipeline:
 * the picture is re-encoded (no EXIF, no GPS) off the main thread, and the
 * shop keeps only its hash. */

enum { LOGO, COVER };

static const char *properties[2] = { "logo-hash", "cover-hash" };
static const char *whiches[2] = { "logo", "cover" };

typedef struct
{
  ComptoirShopPage *self;
  guint             slot;
  char             *hash;
} PhotoClosure;

static void
closure_free (PhotoClosure *closure)
{
  g_object_unref (closure->self);
  g_free (closure->hash);
  g_free (closure);
}

/* Results that come back once the page is gone are dropped. */
static gboolean
page_gone (ComptoirShopPage *self)
{
  return self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable);
}

static const char *
slot_hash (ComptoirShopPage *self,
           guint             slot)
{
  return slot == LOGO ? comptoir_shop_get_logo_hash (self->shop) : comptoir_shop_get_cover_hash (self->shop);
}

static void
thumbnail_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  PhotoClosure *closure = user_data;
  g_autoptr(GdkTexture) texture = comptoir_media_texture_load_finish (result, NULL);
  ComptoirShopPage *self = closure->self;

  /* a later change may have replaced the photo meanwhile */
  if (texture != NULL && !page_gone (self) &&
      g_strcmp0 (g_object_get_data (G_OBJECT (self->photo_pictures[closure->slot]), "hash"), closure->hash) == 0)
    gtk_picture_set_paintable (self->photo_pictures[closure->slot], GDK_PAINTABLE (texture));
  closure_free (closure);
}

/**
 * comptoir_shop_page_load_photos:
 *
 * Shows the shop's logo and cover in their rows.
 */
void
comptoir_shop_page_load_photos (ComptoirShopPage *self)
{
  for (guint slot = LOGO; slot <= COVER; slot++)
    {
      const char *hash = slot_hash (self, slot);
      GtkPicture *picture = self->photo_pictures[slot];
      gboolean has_photo = *hash != '\0';

      /* The row always says what is there now, even when the picture
       * stays: this also clears “Preparing the photo…” after an import
       * that failed or brought back the same picture. */
      gtk_widget_set_visible (GTK_WIDGET (picture), has_photo);
      gtk_widget_set_visible (self->photo_remove[slot], has_photo);
      gtk_button_set_label (GTK_BUTTON (self->photo_choose[slot]), has_photo ? _("Change…") : _("Choose…"));
      adw_action_row_set_subtitle (self->photo_rows[slot],
                                   has_photo ? "" : slot == LOGO ? _("Square, on a plain background if you can")
                                                                 : _("A wide photo of the shop front or your products"));

      if (g_strcmp0 (g_object_get_data (G_OBJECT (picture), "hash"), hash) == 0 &&
          gtk_picture_get_paintable (picture) != NULL)
        continue;
      g_object_set_data_full (G_OBJECT (picture), "hash", g_strdup (hash), g_free);
      gtk_picture_set_paintable (picture, NULL);
      if (has_photo)
        {
          PhotoClosure *closure = g_new0 (PhotoClosure, 1);

          closure->self = g_object_ref (self);
          closure->slot = slot;
          closure->hash = g_strdup (hash);
          comptoir_media_texture_load_async (hash, COMPTOIR_MEDIA_THUMBNAIL, self->cancellable,
                                             thumbnail_loaded_cb, closure);
        }
    }
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PhotoClosure *closure = user_data;
  ComptoirShopPage *self = closure->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = comptoir_photo_import_finish (COMPTOIR_STORE (source), result, &error);

  if (page_gone (self))
    {
      closure_free (closure);
      return;
    }
  if (hash == NULL)
    comptoir_shop_page_show_toast (self, error->message);
  else
    /* saved with the rest, after the pause, and undoable; the same
     * picture again changes nothing */
    g_object_set (self->shop, properties[closure->slot], hash, NULL);
  /* whatever happened, the row says again what the shop has */
  comptoir_shop_page_load_photos (self);
  gtk_widget_set_sensitive (self->photo_choose[closure->slot], TRUE);
  closure_free (closure);
}

/**
 * comptoir_shop_page_import_photo:
 * @self: the page
 * @which: "logo" or "cover"
 * @file: the picture the merchant chose
 *
 * Imports @file through the photo pipeline and makes it the shop's logo or
 * cover; a picture that cannot be used is explained in a toast.
 */
void
comptoir_shop_page_import_photo (ComptoirShopPage *self,
                                 const char       *which,
                                 GFile            *file)
{
  PhotoClosure *closure;
  guint slot;

  g_return_if_fail (COMPTOIR_IS_SHOP_PAGE (self));
  g_return_if_fail (g_strcmp0 (which, "logo") == 0 || g_strcmp0 (which, "cover") == 0);
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    return;
  comptoir_shop_page_ensure_complete (self);
  slot = g_strcmp0 (which, "logo") == 0 ? LOGO : COVER;
  closure = g_new0 (PhotoClosure, 1);
  closure->self = g_object_ref (self);
  closure->slot = slot;
  gtk_widget_set_sensitive (self->photo_choose[slot], FALSE);
  adw_action_row_set_subtitle (self->photo_rows[slot], _("Preparing the photo…"));
  comptoir_photo_import_async (self->store, file, NULL, self->cancellable, import_done_cb, closure);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     PhotoClosure    *closure)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        comptoir_shop_page_import_photo (closure->self, whiches[closure->slot], file);
    }
  g_object_unref (dialog);
  closure_free (closure);
}

static void
choose_clicked_cb (GtkButton        *button,
                   ComptoirShopPage *self)
{
  guint slot = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "slot"));
  PhotoClosure *closure = g_new0 (PhotoClosure, 1);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (slot == LOGO ? _("Choose Your Logo") : _("Choose a Cover Photo"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, C_("photos", "Photos"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  closure->self = g_object_ref (self);
  closure->slot = slot;
  g_signal_connect (dialog, "response", G_CALLBACK (chooser_response_cb), closure);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
remove_clicked_cb (GtkButton        *button,
                   ComptoirShopPage *self)
{
  guint slot = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "slot"));

  /* the media file stays: Ctrl+Z brings the photo back */
  g_object_set (self->shop, properties[slot], "", NULL);
  comptoir_shop_page_load_photos (self);
}

/**
 * comptoir_shop_page_add_photo_rows:
 *
 * Adds the logo and cover rows to @group.
 */
void
comptoir_shop_page_add_photo_rows (ComptoirShopPage *self,
                                   GtkWidget        *group)
{
  static const char *titles[2] = { N_("Logo"), N_("Cover photo") };

  for (guint slot = LOGO; slot <= COVER; slot++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *picture = gtk_picture_new ();
      GtkWidget *choose = gtk_button_new_with_label (_("Choose…"));
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *choose_name = g_strdup_printf ("%s-choose", whiches[slot]);
      g_autofree char *remove_name = g_strdup_printf ("%s-remove", whiches[slot]);
      g_autofree char *picture_name = g_strdup_printf ("%s-picture", whiches[slot]);

      comptoir_shop_page_set_row_title (row, _(titles[slot]));
      gtk_widget_set_name (picture, picture_name);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_set_size_request (picture, slot == LOGO ? 48 : 96, 48);
      gtk_widget_set_margin_top (picture, 6);
      gtk_widget_set_margin_bottom (picture, 6);
      gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (picture, FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), picture);

      gtk_widget_set_name (choose, choose_name);
      gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (choose), "slot", GUINT_TO_POINTER (slot));
      g_signal_connect (choose, "clicked", G_CALLBACK (choose_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), choose);
      gtk_widget_set_name (remove, remove_name);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove the photo"));
      gtk_widget_set_visible (remove, FALSE);
      g_object_set_data (G_OBJECT (remove), "slot", GUINT_TO_POINTER (slot));
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      self->photo_rows[slot] = ADW_ACTION_ROW (row);
      self->photo_pictures[slot] = GTK_PICTURE (picture);
      self->photo_choose[slot] = choose;
      self->photo_remove[slot] = remove;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}
