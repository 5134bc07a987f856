/** The config service: its application class and settings; the API lives in one package per document. */
package io.mailgw.config;
