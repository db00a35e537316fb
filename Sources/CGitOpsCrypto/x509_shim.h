// X.509 and PEM for Sprig's certificate functions (genCA, genSelfSignedCert, genSignedCert,
// genPrivateKey), used by the Hashing module's Certificates.swift.
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/rsa.h>
#include <openssl/ec.h>
#include <openssl/dsa.h>
#include <openssl/obj_mac.h>

// BIO_get_mem_data is a macro Swift cannot call.
static inline long gitops_bio_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}
