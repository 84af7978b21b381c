// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

/**
 * ComptoirMediaKind:
 * @COMPTOIR_MEDIA_WEB: the published image, longest side at most 2048 px
 * @COMPTOIR_MEDIA_THUMBNAIL: the small image for lists, longest side at most 320 px
 *
 * The files kept for each imported photo.
 */
typedef enum
{
  COMPTOIR_MEDIA_WEB,
  COMPTOIR_MEDIA_THUMBNAIL,
} ComptoirMediaKind;

gboolean  comptoir_media_hash_is_valid     (const char          *hash);
char     *comptoir_media_get_dir           (void);
char     *comptoir_media_get_path          (const char          *hash,
                                            ComptoirMediaKind    kind);

char    **comptoir_product_photos_get      (ComptoirStore       *store,
                                            gint64               product_id,
                                            GError             **error);
gboolean  comptoir_product_photos_set      (ComptoirStore       *store,
                                            gint64               product_id,
                                            const char * const  *hashes,
                                            GError             **error);
gboolean  comptoir_product_photos_write    (ComptoirStore       *store,
                                            gint64               product_id,
                                            const char * const  *hashes,
                                            GError             **error);

G_END_DECLS
