// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define COMPTOIR_TYPE_THUMBNAILS (comptoir_thumbnails_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirThumbnails, comptoir_thumbnails, COMPTOIR, THUMBNAILS, GObject)

/* Size of the decoded thumbnails kept in memory, in pixels. */
#define COMPTOIR_THUMBNAIL_SIZE 128

ComptoirThumbnails *comptoir_thumbnails_new          (void);
void                comptoir_thumbnails_bind         (ComptoirThumbnails *self,
                                                      GtkImage           *image,
                                                      const char         *hash);
void                comptoir_thumbnails_unbind       (ComptoirThumbnails *self,
                                                      GtkImage           *image);
guint               comptoir_thumbnails_get_n_cached (ComptoirThumbnails *self);
guint               comptoir_thumbnails_get_n_loads  (ComptoirThumbnails *self);

G_END_DECLS
