// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* Shared by comptoir-photo-strip.c (tiles, order, removal, editing) and
 * comptoir-photo-strip-import.c (files, drops, paste, camera). */

#include "comptoir-photo-strip.h"

G_BEGIN_DECLS

typedef struct
{
  guint  id;
  char  *hash;  /* NULL while the photo is being imported */
} ComptoirPhotoStripItem;

struct _ComptoirPhotoStrip
{
  GtkWidget        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkBox          *tiles_box;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;

  ComptoirStore   *store;
  AdwToastOverlay *external_overlay;
  GPtrArray       *items;
  GHashTable      *textures;  /* hash → GdkTexture */
  GHashTable      *loading;   /* hashes whose thumbnail is being read */
  GCancellable    *cancellable;
  GString         *errors;
  guint            next_id;
  guint            n_pending;

  /* The last removed photo, for undo. */
  char            *removed_hash;
  guint            removed_position;
};

int   comptoir_photo_strip_find_hash      (ComptoirPhotoStrip *self,
                                           const char         *hash);
void  comptoir_photo_strip_emit_changed   (ComptoirPhotoStrip *self);
void  comptoir_photo_strip_set_pending    (ComptoirPhotoStrip *self,
                                           int                 delta);
void  comptoir_photo_strip_show_error     (ComptoirPhotoStrip *self,
                                           const char         *name,
                                           const char         *message);
void  comptoir_photo_strip_rebuild_tiles  (ComptoirPhotoStrip *self);

void  comptoir_photo_strip_add_texture    (ComptoirPhotoStrip *self,
                                           GdkTexture         *texture);
void  comptoir_photo_strip_class_init_import (GtkWidgetClass  *widget_class);
void  comptoir_photo_strip_init_import    (ComptoirPhotoStrip *self);

G_END_DECLS
