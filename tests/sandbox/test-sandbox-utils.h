// SPDX-License-Identifier: GPL-3.0-or-later
//
// Helpers of the sandbox tests: start comptoir-sandbox, call it over HTTP, assert
// problem+json answers.

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>


G_BEGIN_DECLS

typedef struct
{
  GSubprocess *proc;
  char        *mp;        /* marketplace base URL */
  char        *dir;       /* directory base URL */
  char        *origin;
  char        *email;
  char        *password;
  char        *api_key;
  SoupSession *session;
} Box;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;
  GError             *error;
} Resp;

void         resp_free          (Resp *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Resp, resp_free)

JsonObject  *obj                (Resp *r);
const char  *str                (Resp *r, const char *name);
const char  *header             (Resp *r, const char *name);
JsonObject  *parse              (const char *text);
Box         *box_start          (const char *first_arg, ...);
void         box_stop           (Box *box);
Resp        *call_full          (Box *box, SoupSession *session, const char *method, const char *url,
                                 const char *auth, const char *content_type, const void *body,
                                 gsize body_len, const char **extra);
Resp        *call               (Box *box, const char *method, const char *base, const char *path,
                                 const char *auth, const char *json, const char *first_header, ...);
void         assert_problem     (Resp *r, guint status, const char *type);
void         assert_field_error (Resp *r, const char *field, const char *code);
void         assert_status      (Resp *r, guint status);
char        *sign_in            (Box *box, char **refresh);
char        *create_product     (Box *box, const char *token, const char *name, int price);
JsonObject  *control            (Box *box, const char *path, const char *json, guint expected);
gint64       applied_count      (Box *box, const char *key);
char        *upload_png         (Box *box, const char *base, const char *auth, char **url);

extern const guchar png_bytes[16];

G_END_DECLS
