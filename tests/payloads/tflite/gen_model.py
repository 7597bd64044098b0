#!/usr/bin/env python3
"""Writes tests/payloads/src/tflite_model.h: a TensorFlow Lite model (FlatBuffer, schema version 3) that
tflite_user.c runs through TF Lite's C API. The model is y = logistic(relu(FULLY_CONNECTED(x, W, b))) with
x[1,16], W[8,16], b[8]; the weights follow the formulas in weight()/bias(), which RealNdkLibraryTest repeats on the
host. Hand-written FlatBuffer encoding (no flatc or flatbuffers package here): objects are laid out front to back, so
every uoffset points forward as the format requires, and each vtable sits right before its table."""
import struct
import sys

IN, OUT = 16, 8
FULLY_CONNECTED, LOGISTIC, RELU = 9, 14, 19
FLOAT32 = 0


def weight(i, j):
    return ((i * IN + j) % 7 - 3) * 0.125


def bias(i):
    return (i - 4) * 0.25


class Table:
    def __init__(self, fields):
        self.fields = fields  # list of (slot, kind, value); kind: u8 i8 u32 i32 off


class Vector:
    def __init__(self, kind, items, align=4):
        self.kind, self.items, self.align = kind, items, align  # kind: i32 u8 off


class String:
    def __init__(self, text):
        self.text = text


SIZES = {'u8': 1, 'i8': 1, 'u32': 4, 'i32': 4, 'off': 4}
FORMATS = {'u8': '<B', 'i8': '<b', 'u32': '<I', 'i32': '<i'}


class Writer:
    def __init__(self):
        self.b = bytearray()

    def pad(self, n, before=0):
        while (len(self.b) + before) % n:
            self.b.append(0)

    def patch(self, at, target):
        struct.pack_into('<I', self.b, at, target - at)

    def write(self, obj):
        if isinstance(obj, Table):
            return self.table(obj)
        if isinstance(obj, Vector):
            return self.vector(obj)
        return self.string(obj)

    def table(self, t):
        fields = sorted(t.fields, key=lambda f: -SIZES[f[1]])
        layout, size = [], 4
        for slot, kind, value in fields:
            s = SIZES[kind]
            size = (size + s - 1) // s * s
            layout.append((slot, kind, value, size))
            size += s
        size = (size + 3) // 4 * 4
        slots = max(f[0] for f in t.fields) + 1
        vtable = [0] * slots
        for slot, kind, value, at in layout:
            vtable[slot] = at
        vt_bytes = struct.pack('<%dH' % (2 + slots), 4 + 2 * slots, size, *vtable)
        self.pad(4, len(vt_bytes))
        vt_pos = len(self.b)
        self.b += vt_bytes
        pos = len(self.b)
        self.b += bytes(size)
        struct.pack_into('<i', self.b, pos, pos - vt_pos)
        children = []
        for slot, kind, value, at in layout:
            if kind == 'off':
                children.append((pos + at, value))
            else:
                struct.pack_into(FORMATS[kind], self.b, pos + at, value)
        for at, child in children:
            self.patch(at, self.write(child))
        return pos

    def vector(self, v):
        self.pad(max(v.align, 4), 4)
        pos = len(self.b)
        self.b += struct.pack('<I', len(v.items))
        if v.kind == 'u8':
            self.b += bytes(v.items)
            return pos
        start = len(self.b)
        self.b += bytes(4 * len(v.items))
        if v.kind == 'i32':
            struct.pack_into('<%di' % len(v.items), self.b, start, *v.items)
            return pos
        for k, item in enumerate(v.items):
            self.patch(start + 4 * k, self.write(item))
        return pos

    def string(self, s):
        self.pad(4)
        pos = len(self.b)
        data = s.text.encode()
        self.b += struct.pack('<I', len(data)) + data + b'\0'
        return pos


def tensor(shape, buffer, name):
    return Table([(0, 'off', Vector('i32', shape)), (1, 'i8', FLOAT32), (2, 'u32', buffer), (3, 'off', String(name))])


def operator(opcode, inputs, outputs):
    return Table([(0, 'u32', opcode), (1, 'off', Vector('i32', inputs)), (2, 'off', Vector('i32', outputs))])


def opcode(code):
    return Table([(0, 'i8', code), (2, 'i32', 1), (3, 'i32', code)])


def floats(values):
    return Vector('u8', list(struct.pack('<%df' % len(values), *values)), align=16)


def model():
    weights = [weight(i, j) for i in range(OUT) for j in range(IN)]
    biases = [bias(i) for i in range(OUT)]
    tensors = [tensor([1, IN], 0, 'x'), tensor([OUT, IN], 1, 'W'), tensor([OUT], 2, 'b'),
               tensor([1, OUT], 0, 'fc'), tensor([1, OUT], 0, 'relu'), tensor([1, OUT], 0, 'y')]
    operators = [operator(0, [0, 1, 2], [3]), operator(1, [3], [4]), operator(2, [4], [5])]
    subgraph = Table([(0, 'off', Vector('off', tensors)), (1, 'off', Vector('i32', [0])),
                      (2, 'off', Vector('i32', [5])), (3, 'off', Vector('off', operators)),
                      (4, 'off', String('main'))])
    buffers = [Table([(0, 'off', Vector('u8', []))]),
               Table([(0, 'off', floats(weights))]), Table([(0, 'off', floats(biases))])]
    return Table([(0, 'u32', 3), (1, 'off', Vector('off', [opcode(FULLY_CONNECTED), opcode(RELU), opcode(LOGISTIC)])),
                  (2, 'off', Vector('off', [subgraph])), (3, 'off', String('mdemu tflite_user test model')),
                  (4, 'off', Vector('off', buffers))])


def encode():
    w = Writer()
    w.b += bytes(4) + b'TFL3'
    w.patch(0, w.write(model()))
    w.pad(16)
    return bytes(w.b)


def main(out):
    data = encode()
    lines = ['/* Generated by tests/payloads/tflite/gen_model.py: a TF Lite model, see there. Do not edit. */',
             '#define TFLITE_MODEL_IN %d' % IN, '#define TFLITE_MODEL_OUT %d' % OUT,
             'static const unsigned char tflite_model[%d] __attribute__((aligned(16))) = {' % len(data)]
    for k in range(0, len(data), 16):
        lines.append('  ' + ', '.join('0x%02x' % c for c in data[k:k + 16]) + ',')
    lines.append('};')
    with open(out, 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main(sys.argv[1])
