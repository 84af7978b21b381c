// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "comptoir-photo-pipeline.h"

G_BEGIN_DECLS

#define COMPTOIR_PHOTO_JPEG_QUALITY 85

GdkPixbuf *comptoir_photo_decode                 (const guint8             *data,
                                                  gsize                     len,
                                                  const ComptoirPhotoEdit  *edit,
                                                  int                      *orientation,
                                                  GError                  **error);
GBytes    *comptoir_photo_encode_jpeg            (GdkPixbuf                *pixbuf);
gboolean   comptoir_photo_orientation_swaps_axes (int                       orientation);
void       comptoir_photo_set_no_memory_error    (GError                  **error);

G_END_DECLS
