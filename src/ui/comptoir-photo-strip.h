// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_PHOTO_STRIP (comptoir_photo_strip_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirPhotoStrip, comptoir_photo_strip, COMPTOIR, PHOTO_STRIP, GtkWidget)

GtkWidget  *comptoir_photo_strip_new               (void);
void        comptoir_photo_strip_set_store         (ComptoirPhotoStrip  *self,
                                                    ComptoirStore       *store);
void        comptoir_photo_strip_set_toast_overlay (ComptoirPhotoStrip  *self,
                                                    AdwToastOverlay     *overlay);
void        comptoir_photo_strip_set_hashes        (ComptoirPhotoStrip  *self,
                                                    const char * const  *hashes);
char      **comptoir_photo_strip_get_hashes        (ComptoirPhotoStrip  *self);
gboolean    comptoir_photo_strip_get_busy          (ComptoirPhotoStrip  *self);
void        comptoir_photo_strip_add_files         (ComptoirPhotoStrip  *self,
                                                    GListModel          *files);
void        comptoir_photo_strip_add_bytes         (ComptoirPhotoStrip  *self,
                                                    GBytes              *bytes);
void        comptoir_photo_strip_move              (ComptoirPhotoStrip  *self,
                                                    guint                from,
                                                    guint                to);

G_END_DECLS
