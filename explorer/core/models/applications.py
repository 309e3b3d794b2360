"""Every ``keras.applications`` ImageNet classifier, with its weights file the Keras way.

The table is plain data, so :func:`list_pretrained` never imports TensorFlow. Each entry names
the Keras function, the default input size, the ``preprocess_input`` mode of its Keras module,
and the with-top ImageNet weights exactly as Keras fetches them: the file name passed to
``keras.utils.get_file`` (``cache_subdir="models"``), the address and Keras's ``file_hash``.
``tests/core/test_applications.py`` checks all of it against the installed Keras.

Approximate file sizes: the "Size (MB)" column of https://keras.io/api/applications/ (mebibytes,
e.g. ResNet50's 98 MB file is 102,853,048 bytes) where Keras lists the model; otherwise
(ConvNeXt, MobileNetV3) parameters × 4 bytes + 1 % for the HDF5 layout (``size_source``
says which).
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.core.errors import ModelError

_GCS = "https://storage.googleapis.com/tensorflow/keras-applications/"
_VGG = "VGG (Simonyan & Zisserman, 2014): stacks of 3×3 convolutions, then three dense layers."


@dataclass(frozen=True)
class PretrainedSpec:
    """One ``keras.applications`` classifier with ImageNet weights (1000 classes, with top).

    Attributes:
        name: catalogue name, the Keras function name lower-cased (``resnet50``).
        function: the ``keras.applications`` function (``ResNet50``).
        module: its module under ``keras.applications`` (``resnet``).
        title: display name.
        input_shape: default input (H, W, C), the size the ImageNet weights were trained at.
        preprocessing: the module's ``preprocess_input`` mode: ``caffe``, ``tf``, ``torch`` or
            ``none`` (the model rescales inside).
        file_name: the weights file name in the Keras cache.
        url: where Keras downloads it from.
        file_hash: Keras's md5 (32 hex digits) or sha256 (64) of the file, or None where Keras
            checks none.
        params: parameter count of the with-top model.
        approx_bytes: approximate file size in bytes (≈, see ``size_source``).
        size_source: ``"keras.io"`` or ``"params×4"``.
        description: one sentence about the architecture.
    """

    name: str
    function: str
    module: str
    title: str
    input_shape: tuple[int, int, int]
    preprocessing: str
    file_name: str
    url: str
    file_hash: str | None
    params: int
    approx_bytes: int
    size_source: str
    description: str


# (module, preprocess mode, weights base URL, description, rows); a row is
# (function, title, input side, file name, Keras hash, params, keras.io MiB or 0[, URL name])
_FAMILIES = (
    ("resnet", "caffe", _GCS + "resnet/",
     "ResNet (He et al., 2015): bottleneck blocks with identity shortcuts.", (
         ("ResNet50", "ResNet-50", 224, "resnet50_weights_tf_dim_ordering_tf_kernels.h5",
          "2cb95161c43110f7111970584f804107", 25_636_712, 98),
         ("ResNet101", "ResNet-101", 224, "resnet101_weights_tf_dim_ordering_tf_kernels.h5",
          "f1aeb4b969a6efcfb50fad2f0c20cfc5", 44_707_176, 171),
         ("ResNet152", "ResNet-152", 224, "resnet152_weights_tf_dim_ordering_tf_kernels.h5",
          "100835be76be38e30d865e96f2aaae62", 60_419_944, 232))),
    ("resnet_v2", "tf", _GCS + "resnet/",
     "ResNet v2 (He et al., 2016): pre-activation residual blocks, batch norm and ReLU first.", (
         ("ResNet50V2", "ResNet-50 v2", 224, "resnet50v2_weights_tf_dim_ordering_tf_kernels.h5",
          "3ef43a0b657b3be2300d5770ece849e0", 25_613_800, 98),
         ("ResNet101V2", "ResNet-101 v2", 224,
          "resnet101v2_weights_tf_dim_ordering_tf_kernels.h5",
          "6343647c601c52e1368623803854d971", 44_675_560, 171),
         ("ResNet152V2", "ResNet-152 v2", 224,
          "resnet152v2_weights_tf_dim_ordering_tf_kernels.h5",
          "a49b44d1979771252814e80f8ec446f9", 60_380_648, 232))),
    ("vgg16", "caffe", _GCS + "vgg16/",
     _VGG,
     (("VGG16", "VGG-16", 224, "vgg16_weights_tf_dim_ordering_tf_kernels.h5",
       "64373286793e3c8b2b4e3219cbf3544b", 138_357_544, 528),)),
    ("vgg19", "caffe", _GCS + "vgg19/",
     _VGG,
     (("VGG19", "VGG-19", 224, "vgg19_weights_tf_dim_ordering_tf_kernels.h5",
       "cbe5617147190e668d6c5d5026f83318", 143_667_240, 549),)),
    ("xception", "tf", _GCS + "xception/",
     "Xception (Chollet, 2017): depthwise separable convolutions with residual connections.",
     (("Xception", "Xception", 299, "xception_weights_tf_dim_ordering_tf_kernels.h5",
       "0a58e3b7378bc2990ea3b43d5981f1f6", 22_910_480, 88),)),
    ("inception_v3", "tf", _GCS + "inception_v3/",
     "Inception v3 (Szegedy et al., 2015): parallel factorised-convolution branches, concatenated.",
     (("InceptionV3", "Inception v3", 299, "inception_v3_weights_tf_dim_ordering_tf_kernels.h5",
       "9a0d58056eeedaa3f26cb7ebd46da564", 23_851_784, 92),)),
    ("inception_resnet_v2", "tf", _GCS + "inception_resnet_v2/",
     "Inception-ResNet v2 (Szegedy et al., 2016): Inception blocks with residual connections.",
     (("InceptionResNetV2", "Inception-ResNet v2", 299,
       "inception_resnet_v2_weights_tf_dim_ordering_tf_kernels.h5",
       "e693bd0210a403b3192acc6073ad2e96", 55_873_736, 215),)),
    ("densenet", "torch", _GCS + "densenet/",
     "DenseNet (Huang et al., 2017): each layer sees the concatenated maps of all before it.", (
         ("DenseNet121", "DenseNet-121", 224, "densenet121_weights_tf_dim_ordering_tf_kernels.h5",
          "9d60b8095a5708f2dcce2bca79d332c7", 8_062_504, 33),
         ("DenseNet169", "DenseNet-169", 224, "densenet169_weights_tf_dim_ordering_tf_kernels.h5",
          "d699b8f76981ab1b30698df4c175e90b", 14_307_880, 57),
         ("DenseNet201", "DenseNet-201", 224, "densenet201_weights_tf_dim_ordering_tf_kernels.h5",
          "1ceb130c1ea1b78c3bf6114dbdfd8807", 20_242_984, 80))),
    ("mobilenet", "tf", _GCS + "mobilenet/",
     "MobileNet v1 (Howard et al., 2017): depthwise separable convolutions, width 1.0.",
     (("MobileNet", "MobileNet", 224, "mobilenet_1_0_224_tf.h5", None, 4_253_864, 16),)),
    ("mobilenet_v2", "tf", _GCS + "mobilenet_v2/",
     "MobileNet v2 (Sandler et al., 2018): inverted residuals with linear bottlenecks, width 1.0.",
     (("MobileNetV2", "MobileNet v2", 224,
       "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5", None, 3_538_984, 14),)),
    ("mobilenet_v3", "none", _GCS + "mobilenet_v3/",
     "MobileNet v3 (Howard et al., 2019): searched blocks with squeeze-and-excite and hard-swish; "
     "rescales inside the model.", (
         ("MobileNetV3Small", "MobileNet v3 Small", 224,
          "weights_mobilenet_v3_small_224_1.0_float.h5",
          "8768d4c2e7dee89b9d02b2d03d65d862", 2_554_968, 0),
         ("MobileNetV3Large", "MobileNet v3 Large", 224,
          "weights_mobilenet_v3_large_224_1.0_float.h5",
          "59e551e166be033d707958cf9e29a6a7", 5_507_432, 0))),
    ("nasnet", "tf", _GCS + "nasnet/",
     "NASNet (Zoph et al., 2018): convolutional cells found by neural architecture search.", (
         ("NASNetMobile", "NASNet Mobile", 224, "nasnet_mobile.h5",
          "020fb642bf7360b370c678b08e0adf61", 5_326_716, 23, "NASNet-mobile.h5"),
         ("NASNetLarge", "NASNet Large", 331, "nasnet_large.h5",
          "11577c9a518f0070763c2b964a382f17", 88_949_818, 343, "NASNet-large.h5"))),
    ("efficientnet", "none", "https://storage.googleapis.com/keras-applications/",
     "EfficientNet (Tan & Le, 2019): MBConv blocks scaled in depth, width and resolution "
     "together; rescales inside the model.", (
         ("EfficientNetB0", "EfficientNet-B0", 224, "efficientnetb0.h5",
          "902e53a9f72be733fc0bcb005b3ebbac", 5_330_571, 29),
         ("EfficientNetB1", "EfficientNet-B1", 240, "efficientnetb1.h5",
          "1d254153d4ab51201f1646940f018540", 7_856_239, 31),
         ("EfficientNetB2", "EfficientNet-B2", 260, "efficientnetb2.h5",
          "b15cce36ff4dcbd00b6dd88e7857a6ad", 9_177_569, 36),
         ("EfficientNetB3", "EfficientNet-B3", 300, "efficientnetb3.h5",
          "ffd1fdc53d0ce67064dc6a9c7960ede0", 12_320_535, 48),
         ("EfficientNetB4", "EfficientNet-B4", 380, "efficientnetb4.h5",
          "18c95ad55216b8f92d7e70b3a046e2fc", 19_466_823, 75),
         ("EfficientNetB5", "EfficientNet-B5", 456, "efficientnetb5.h5",
          "ace28f2a6363774853a83a0b21b9421a", 30_562_527, 118),
         ("EfficientNetB6", "EfficientNet-B6", 528, "efficientnetb6.h5",
          "165f6e37dce68623721b423839de8be5", 43_265_143, 166),
         ("EfficientNetB7", "EfficientNet-B7", 600, "efficientnetb7.h5",
          "8c03f828fec3ef71311cd463b6759d99", 66_658_687, 256))),
    ("efficientnet_v2", "none", _GCS + "efficientnet_v2/",
     "EfficientNetV2 (Tan & Le, 2021): Fused-MBConv early, MBConv later; rescales inside the "
     "model.", (
         ("EfficientNetV2B0", "EfficientNetV2-B0", 224, "efficientnetv2-b0.h5",
          "21ecbf6da12460d5c40bb2f29ceb2188", 7_200_312, 29),
         ("EfficientNetV2B1", "EfficientNetV2-B1", 240, "efficientnetv2-b1.h5",
          "069f0534ff22adf035c89e2d9547a9dc", 8_212_124, 34),
         ("EfficientNetV2B2", "EfficientNetV2-B2", 260, "efficientnetv2-b2.h5",
          "424e49f28180edbde1e94797771950a7", 10_178_374, 42),
         ("EfficientNetV2B3", "EfficientNetV2-B3", 300, "efficientnetv2-b3.h5",
          "1f1fc43bd98a6e4fd8fdfd551e02c7a0", 14_467_622, 59),
         ("EfficientNetV2S", "EfficientNetV2-S", 384, "efficientnetv2-s.h5",
          "e1d88a8495beba45748fedd0cecbe016", 21_612_360, 88),
         ("EfficientNetV2M", "EfficientNetV2-M", 480, "efficientnetv2-m.h5",
          "a3bf6aa3276309f4fc6a34aa114c95cd", 54_431_388, 220),
         ("EfficientNetV2L", "EfficientNetV2-L", 480, "efficientnetv2-l.h5",
          "27e6d408b53c7ebc868fefa357689935", 119_027_848, 479))),
    ("convnext", "none", _GCS + "convnext/",
     "ConvNeXt (Liu et al., 2022): a ResNet modernised with 7×7 depthwise convolutions and layer "
     "norm; normalises inside the model.", (
         ("ConvNeXtTiny", "ConvNeXt Tiny", 224, "convnext_tiny.h5",
          "8ae6e78ce2933352b1ef4008e6dd2f17bc40771563877d156bc6426c7cf503ff", 28_589_128, 0),
         ("ConvNeXtSmall", "ConvNeXt Small", 224, "convnext_small.h5",
          "ce1277d8f1ee5a0ef0e171469089c18f5233860ceaf9b168049cb9263fd7483c", 50_223_688, 0),
         ("ConvNeXtBase", "ConvNeXt Base", 224, "convnext_base.h5",
          "52cbb006d3dadd03f6e095a8ca1aca47aecdd75acb4bc74bce1f5c695d0086e6", 88_591_464, 0),
         ("ConvNeXtLarge", "ConvNeXt Large", 224, "convnext_large.h5",
          "070c5ed9ed289581e477741d3b34beffa920db8cf590899d6d2c67fba2a198a6", 197_767_336, 0),
         ("ConvNeXtXLarge", "ConvNeXt XLarge", 224, "convnext_xlarge.h5",
          "c1f5ccab661354fc3a79a10fa99af82f0fbf10ec65cb894a3ae0815f17a889ee", 350_196_968, 0))),
)


def _make_specs() -> dict[str, PretrainedSpec]:
    specs = {}
    for module, mode, base, description, rows in _FAMILIES:
        for function, title, side, file_name, file_hash, params, mib, *url_name in rows:
            if mib:
                size, source = mib * 2**20, "keras.io"
            else:
                size, source = round(params * 4 * 1.01), "params×4"
            spec = PretrainedSpec(function.lower(), function, module, title, (side, side, 3),
                                  mode, file_name, base + (url_name[0] if url_name else file_name),
                                  file_hash, params, size, source, description)
            specs[spec.name] = spec
    return specs


_SPECS = _make_specs()


def list_pretrained() -> list[PretrainedSpec]:
    """Every pretrained classifier, by family (no TensorFlow import)."""
    return list(_SPECS.values())


def get_spec(name: str) -> PretrainedSpec:
    """The table entry for a catalogue name (case-insensitive).

    Raises:
        ModelError: no such entry; the message lists the valid names.
    """
    spec = _SPECS.get(name.lower())
    if spec is None:
        raise ModelError(f"No keras.applications model called {name!r}",
                         "Use one of the listed names",
                         expected=f"one of {', '.join(_SPECS)}", received=repr(name))
    return spec
