package io.quiver.domain.collection;

/** green: fully indexed; yellow: the optimizer is working; grey: optimizations pending; red: failed. */
public enum CollectionStatus { GREEN, YELLOW, GREY, RED }
