// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-media-store.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

/* Longest side of the published image and of the thumbnail, in pixels. */
#define COMPTOIR_PHOTO_WEB_SIZE       2048
#define COMPTOIR_PHOTO_THUMBNAIL_SIZE 320
/* Larger pictures are refused before they are decoded. */
#define COMPTOIR_PHOTO_MAX_PIXELS     (50 * 1000 * 1000)
#define COMPTOIR_PHOTO_MAX_FILE_SIZE  (100 * 1024 * 1024)

/**
 * ComptoirPhotoEdit:
 * @rotate_quarter_turns: clockwise quarter turns (any integer; taken modulo 4)
 * @crop: whether to crop
 * @crop_x: left edge of the crop, fraction (0..1) of the upright, rotated width
 * @crop_y: top edge, fraction of the upright, rotated height
 * @crop_w: width of the crop, fraction of the width
 * @crop_h: height of the crop, fraction of the height
 *
 * What the merchant changed in the photo editor. Applied after the EXIF
 * orientation, rotation first, then the crop.
 */
typedef struct
{
  int      rotate_quarter_turns;
  gboolean crop;
  double   crop_x;
  double   crop_y;
  double   crop_w;
  double   crop_h;
} ComptoirPhotoEdit;

void   comptoir_photo_import_async        (ComptoirStore            *store,
                                           GFile                    *file,
                                           const ComptoirPhotoEdit  *edit,
                                           GCancellable             *cancellable,
                                           GAsyncReadyCallback       callback,
                                           gpointer                  user_data);
void   comptoir_photo_import_bytes_async  (ComptoirStore            *store,
                                           GBytes                   *bytes,
                                           const ComptoirPhotoEdit  *edit,
                                           GCancellable             *cancellable,
                                           GAsyncReadyCallback       callback,
                                           gpointer                  user_data);
char  *comptoir_photo_import_finish       (ComptoirStore            *store,
                                           GAsyncResult             *result,
                                           GError                  **error);
char  *comptoir_photo_import_sync         (ComptoirStore            *store,
                                           GFile                    *file,
                                           const ComptoirPhotoEdit  *edit,
                                           GCancellable             *cancellable,
                                           GError                  **error);
char  *comptoir_photo_import_bytes_sync   (ComptoirStore            *store,
                                           GBytes                   *bytes,
                                           const ComptoirPhotoEdit  *edit,
                                           GCancellable             *cancellable,
                                           GError                  **error);

G_END_DECLS
