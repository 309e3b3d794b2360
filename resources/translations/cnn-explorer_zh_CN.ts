<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../explorer/widgets/main_window.py" line="313"/>
        <source>The language changes the next time cnn-explorer starts.</source>
        <translation>界面语言将在下次启动 cnn-explorer 时生效。</translation>
    </message>
</context>
<context>
    <name>Views</name>
    <message>
        <location filename="../../explorer/widgets/views.py" line="89"/>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/views.py" line="90"/>
        <source>Kernels</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/views.py" line="91"/>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/views.py" line="92"/>
        <source>Every channel of the selected layer&apos;s output</source>
        <translation>所选层输出的每个通道</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/views.py" line="93"/>
        <source>The selected convolution&apos;s learned filters</source>
        <translation>所选卷积层学到的滤波器</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/views.py" line="95"/>
        <source>Which parts of the image made the model choose a class</source>
        <translation>图像的哪些部分让模型选择了某个类别</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/views.py" line="103"/>
        <source>Loaded images: click one to run it</source>
        <translation>已载入的图像：单击一张即可运行</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/views.py" line="106"/>
        <source>Sample images shipped with the app: click one to load it</source>
        <translation>随程序附带的示例图像：单击一张即可载入</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/views.py" line="111"/>
        <source>Shape flow</source>
        <translation>形状流</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/views.py" line="112"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/views.py" line="113"/>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/views.py" line="115"/>
        <source>Predictions</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/views.py" line="116"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/views.py" line="117"/>
        <source>Samples</source>
        <translation>示例</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/views.py" line="127"/>
        <source>Loading TensorFlow…</source>
        <translation>正在加载 TensorFlow…</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/views.py" line="128"/>
        <source>The device TensorFlow computes on</source>
        <translation>TensorFlow 使用的计算设备</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="45"/>
        <source>&amp;Open images…</source>
        <translation>打开图像(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="45"/>
        <source>Open one or more image files</source>
        <translation>打开一个或多个图像文件</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="47"/>
        <source>Open &amp;model file…</source>
        <translation>打开模型文件(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="48"/>
        <source>Open a .keras or .h5 model saved with Keras</source>
        <translation>打开用 Keras 保存的 .keras 或 .h5 模型</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="49"/>
        <source>&amp;Save view as PNG…</source>
        <translation>将视图另存为 PNG(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="50"/>
        <source>Save the feature maps or kernels on screen as a PNG</source>
        <translation>把屏幕上的特征图或卷积核保存为 PNG</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="51"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="51"/>
        <source>Close cnn-explorer</source>
        <translation>关闭 cnn-explorer</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="52"/>
        <source>&amp;Paste image</source>
        <translation>粘贴图像(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="52"/>
        <source>Load the image on the clipboard</source>
        <translation>载入剪贴板中的图像</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="54"/>
        <source>&amp;Copy view</source>
        <translation>复制视图(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="55"/>
        <source>Copy the feature maps or kernels on screen to the clipboard</source>
        <translation>把屏幕上的特征图或卷积核复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="57"/>
        <source>&amp;Next layer</source>
        <translation>下一层(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="57"/>
        <source>Show the next layer&apos;s output</source>
        <translation>显示下一层的输出</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="59"/>
        <source>&amp;Previous layer</source>
        <translation>上一层(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="60"/>
        <source>Show the previous layer&apos;s output</source>
        <translation>显示上一层的输出</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="61"/>
        <source>cnn-explorer &amp;help</source>
        <translation>cnn-explorer 帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="61"/>
        <source>How to use the window</source>
        <translation>如何使用本窗口</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="63"/>
        <source>&amp;About cnn-explorer</source>
        <translation>关于 cnn-explorer(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="64"/>
        <source>Versions of the app, TensorFlow, Keras, Qt and the device</source>
        <translation>本程序、TensorFlow、Keras、Qt 的版本和计算设备</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="65"/>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="66"/>
        <source>Put every panel back where it starts, at its first size</source>
        <translation>把所有面板放回初始位置和大小</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="69"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="71"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="72"/>
        <source>S&amp;amples</source>
        <translation>示例(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="78"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="81"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="86"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="94"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="102"/>
        <source>No recent files</source>
        <translation>没有最近的文件</translation>
    </message>
    <message>
        <location filename="../../explorer/widgets/menus.py" line="107"/>
        <source>No samples</source>
        <translation>没有示例</translation>
    </message>
</context>
</TS>
