// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each validator takes what the merchant typed. Empty text is valid (the
 * field is optional) and normalises to "". On success @out_normalized, if
 * not %NULL, receives the value to store; on failure @error says, in the
 * merchant's words, what is wrong with the field. */

gboolean    comptoir_validate_siret        (const char  *text,
                                            char       **out_normalized,
                                            GError     **error);
gboolean    comptoir_validate_postcode     (const char  *text,
                                            char       **out_normalized,
                                            GError     **error);
gboolean    comptoir_validate_phone        (const char  *text,
                                            char       **out_normalized,
                                            GError     **error);
gboolean    comptoir_validate_email        (const char  *text,
                                            char       **out_normalized,
                                            GError     **error);
gboolean    comptoir_validate_website      (const char  *text,
                                            char       **out_normalized,
                                            GError     **error);
gboolean    comptoir_validate_social_link  (const char  *text,
                                            char       **out_normalized,
                                            GError     **error);

char       *comptoir_phone_format_national (const char  *e164);
const char *comptoir_social_link_network   (const char  *url);

G_END_DECLS
